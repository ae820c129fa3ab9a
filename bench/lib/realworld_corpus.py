#!/usr/bin/env python3
"""The real-world ingest corpus: every capture of the test corpus's realworld/ folder (listed in its MANIFEST.tsv),
copied unchanged as often as it takes to reach MIN_MB megabytes of XML (default 50).

OUT/feeds/ holds the XML captures (RSS 0.9x, 1.0, 2.0 and Atom), as NN-<capture>.xml for copy NN; every tool reads
these. None of the peers reads JSON Feed (python3-feedparser 6.0.10 returns no entries, sfeed and a StAX pass read
XML only), so the JSON Feed captures are left out of OUT/feeds/; OUT/all/ holds the same copies of every capture,
JSON Feed included (hard links), for one Feedloom-only pass. Copies are byte-identical, so Feedloom's dedupe finds
every article once per copy: the unique articles are those of one copy. OUT/expected.json has the counts.

Usage: realworld_corpus.py CORPUS_DIR OUT [MIN_MB]"""
import json
import math
import os
import sys


def main(corpus, out, min_mb=50):
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8")][1:]
    captures = sorted(r[0] for r in rows if r[0].startswith("realworld/"))
    xml = [c for c in captures if not c.endswith(".json")]
    size = {c: os.path.getsize(os.path.join(corpus, c)) for c in captures}
    xml_bytes = sum(size[c] for c in xml)
    copies = math.ceil(float(min_mb) * 1e6 / xml_bytes)
    for d in ("feeds", "all"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    for n in range(1, copies + 1):
        for c in captures:
            name = f"{n:02d}-{os.path.basename(c)}"
            name = name if name.endswith((".xml", ".json")) else name + ".xml"
            target = os.path.join(out, "all", name)
            with open(os.path.join(corpus, c), "rb") as src, open(target, "wb") as dst:
                dst.write(src.read())
            if c in xml:
                os.link(target, os.path.join(out, "feeds", name))
    expected = {"files": copies * len(xml), "bytes": copies * xml_bytes, "captures": len(xml), "copies": copies,
                "json_captures": len(captures) - len(xml), "all_files": copies * len(captures),
                "all_bytes": copies * sum(size.values())}
    with open(os.path.join(out, "expected.json"), "w") as fh:
        json.dump(expected, fh)
    print(f"{len(xml)} XML captures ({xml_bytes} bytes) copied {copies} times: {expected['files']} files, "
          f"{expected['bytes']} bytes; with the {expected['json_captures']} JSON Feed captures: "
          f"{expected['all_files']} files, {expected['all_bytes']} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:])
