#!/usr/bin/env python3
"""Writes the fetch benchmark's config folder: one source per generated feed, all served by one nginx on
127.0.0.1:PORT, with the given fetch.perHost and fetch.concurrency. Usage: fetch_config.py OUT PORT FEEDS PERHOST CONC
[URL_PATH NAME_PREFIX [disabled]] (defaults feeds, Feed; "disabled" writes every source with enabled: false)"""
import os
import sys


def main(out, port, feeds, per_host, concurrency, url_path="feeds", name_prefix="Feed", disabled=""):
    os.makedirs(out, exist_ok=True)
    names = sorted(f for f in os.listdir(feeds) if f.endswith(".xml"))
    with open(os.path.join(out, "feedloom.yaml"), "w") as f:
        f.write("site:\n  title: Fetch bench\n")
        f.write(f"fetch:\n  concurrency: {concurrency}\n  perHost: {per_host}\n")
        f.write("topics:\n  - name: Research\n    keywords: [research]\n")
        f.write("sources:\n")
        for name in names:
            stem = name[:-4]
            f.write(f"  - url: http://127.0.0.1:{port}/{url_path}/{name}\n    name: {name_prefix} {stem}\n")
            if disabled == "disabled":
                f.write("    enabled: false\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
