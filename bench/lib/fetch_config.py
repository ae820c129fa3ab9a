#!/usr/bin/env python3
"""Writes the fetch benchmark's config folder: one source per generated feed, all served by one nginx on
127.0.0.1:PORT, with the given fetch.perHost and fetch.concurrency. Usage: fetch_config.py OUT PORT FEEDS PERHOST CONC"""
import os
import sys


def main(out, port, feeds, per_host, concurrency):
    os.makedirs(out, exist_ok=True)
    names = sorted(f for f in os.listdir(feeds) if f.endswith(".xml"))
    with open(os.path.join(out, "feedloom.yaml"), "w") as f:
        f.write("site:\n  title: Fetch bench\n")
        f.write(f"fetch:\n  concurrency: {concurrency}\n  perHost: {per_host}\n")
        f.write("topics:\n  - name: Research\n    keywords: [research]\n")
        f.write("sources:\n")
        for name in names:
            stem = name[:-4]
            f.write(f"  - url: http://127.0.0.1:{port}/feeds/{name}\n    name: Feed {stem}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
