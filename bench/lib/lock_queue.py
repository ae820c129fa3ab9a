#!/usr/bin/env python3
"""Sums the SQLite store's write-lock lines from a Feedloom log written with that class's log at debug level
(`-Dorg.slf4j.simpleLogger.log.org.feedloom.store.SqliteStore=debug`): for each thread and kind of write (digits and
source lists taken out of its description), how many there were and the milliseconds they waited for the lock, held
it and, of that, were on a core; then how much of the span from the first line to the last the lock was held. One
writer thread and the rebuilds' syncs queue for that lock, so a busy cycle's length is about the lock's queue.

usage: lock_queue.py LOG [--timeline]"""
import collections
import datetime
import re
import sys

LINE = re.compile(r"^(\S+) DEBUG SqliteStore - write lock: (\S+) waited (\d+) ms, held (\d+) ms, "
                  r"on a core (\d+) ms: (.*)$")


def kind(what):
    what = re.sub(r"\([^)]*\)", "", what)
    return re.sub(r"\d+", "N", re.sub(r"\s+", " ", what)).strip()


def main(path, timeline=False):
    rows = []
    for line in open(path, errors="replace"):
        m = LINE.match(line.rstrip("\n"))
        if m:
            at = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
            rows.append((at, m.group(2), int(m.group(3)), int(m.group(4)), int(m.group(5)), m.group(6)))
    if not rows:
        print("no write-lock lines: was the store's log at debug level?")
        return
    sums = collections.OrderedDict()
    for at, thread, waited, held, cpu, what in rows:
        s = sums.setdefault((re.sub(r"-?\d+$", "", thread), kind(what)), [0, 0, 0, 0])
        s[0] += 1
        s[1] += waited
        s[2] += held
        s[3] += cpu
    print(f"{'thread':22} {'writes':>6} {'waited ms':>9} {'held ms':>8} {'on core':>8}  kind")
    for (thread, k), (n, waited, held, cpu) in sums.items():
        print(f"{thread[:22]:22} {n:6d} {waited:9d} {held:8d} {cpu:8d}  {k[:70]}")
    first = rows[0][0] - rows[0][3] / 1000
    span = rows[-1][0] - first
    held = sum(r[3] for r in rows) / 1000
    print(f"lock held {held:.2f} s of the {span:.2f} s from the first write's start to the last's end")
    if timeline:
        for at, thread, waited, held, cpu, what in rows:
            print(f"{at - first:7.2f} {thread[:18]:18} waited {waited:5d} held {held:5d} core {cpu:5d}  "
                  f"{kind(what)[:60]}")


if __name__ == "__main__":
    main(sys.argv[1], "--timeline" in sys.argv[2:])
