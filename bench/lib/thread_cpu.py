#!/usr/bin/env python3
"""Prints, as one JSON object, the CPU seconds a running process's threads have used so far, summed by thread name
(digits and a trailing dash taken off, so the fetch workers are one line; names as the kernel keeps them, 15
characters), its total, and the bytes it has read and written (/proc/PID/io: "write_bytes" is what reached the
disk, "wchar" what it handed to the kernel). For telling which thread a slower run's time went to: the one writer,
the rebuild, the fetch workers, the JIT's compilers.

usage: thread_cpu.py PID"""
import json
import os
import re
import sys


def main(pid):
    ticks = os.sysconf("SC_CLK_TCK")
    by_name, total = {}, 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = re.sub(r"[-\d]+$", "", f.read().strip()) or "?"
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a thread that ended meanwhile
        seconds = (int(fields[11]) + int(fields[12])) / ticks  # utime and stime, after the state field
        by_name[name] = by_name.get(name, 0.0) + seconds
        total += seconds
    io = {}
    with open(f"/proc/{pid}/io") as f:
        for line in f:
            key, value = line.split(":")
            if key in ("read_bytes", "write_bytes", "rchar", "wchar"):
                io[key] = int(value)
    threads = {k: round(v, 2) for k, v in sorted(by_name.items(), key=lambda kv: -kv[1]) if v >= 0.2}
    print(json.dumps({"cpu_seconds": round(total, 2), "threads": threads, "io": io}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
