#!/usr/bin/env python3
"""Summarises the execution samples of a JFR recording: the hottest top frames (self time) and the hottest
frames anywhere on the stack (total time), as shares of all samples. Usage: jfr_top.py REC.jfr [N] [FILTER]"""
import collections
import json
import subprocess
import sys


def main(path, n=25, only=None):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    top, total = collections.Counter(), collections.Counter()
    count = 0
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        if only and only not in " ".join(names):
            continue
        count += 1
        if names:
            top[names[0]] += 1
        for name in set(names):
            total[name] += 1
    print(f"{count} samples")
    print("self:")
    for name, c in top.most_common(int(n)):
        print(f"  {c / count:6.1%}  {name}")
    print("total (on the stack):")
    for name, c in total.most_common(int(n) * 2):
        print(f"  {c / count:6.1%}  {name}")


if __name__ == "__main__":
    main(*sys.argv[1:])
