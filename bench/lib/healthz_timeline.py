#!/usr/bin/env python3
"""Polls a running Feedloom's /healthz every 50 ms until it counts EXPECTED articles or TIMEOUT seconds have passed
since T0 (the Unix time its `java -jar` started), and prints one JSON object: seconds from T0 to its first answer
("listening") and to the count reaching EXPECTED ("seconds", null when it did not), and the count's timeline
(seconds, articles), one point a change.

usage: healthz_timeline.py URL EXPECTED TIMEOUT T0"""
import json
import sys
import time
import urllib.parse
import urllib.request


def main(url, expected, timeout, t0):
    expected, timeout, t0 = int(expected), float(timeout), float(t0)
    healthz = urllib.parse.urljoin(url, "/healthz")
    listening, published, timeline = None, None, []
    while time.time() - t0 < timeout:
        try:
            with urllib.request.urlopen(healthz, timeout=2) as answer:
                articles = json.load(answer).get("articles", 0)
        except OSError:
            time.sleep(0.05)
            continue
        now = round(time.time() - t0, 2)
        listening = listening if listening is not None else now
        if not timeline or timeline[-1][1] != articles:
            timeline.append([now, articles])
        if articles >= expected:
            published = now
            break
        time.sleep(0.05)
    print(json.dumps({"seconds": published, "listening": listening, "expected": expected, "timeline": timeline}))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
