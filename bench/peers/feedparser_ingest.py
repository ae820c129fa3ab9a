#!/usr/bin/env python3
"""Peer: python3-feedparser (Debian) over every DIR/*.xml, one process; prints one JSON line per measured pass.
Usage: feedparser_ingest.py DIR RUNS"""
import json
import os
import sys
import time

import feedparser


def main(folder, runs):
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".xml"))
    for _ in range(int(runs)):
        t0 = time.perf_counter()
        items = 0
        size = 0
        for path in files:
            with open(path, "rb") as fh:
                body = fh.read()
            size += len(body)
            items += len(feedparser.parse(body).entries)
        seconds = time.perf_counter() - t0
        print(json.dumps({"tool": "feedparser", "seconds": seconds, "files": len(files), "bytes": size,
                          "items": items}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
