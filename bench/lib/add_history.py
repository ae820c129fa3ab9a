#!/usr/bin/env python3
"""Adds to a Feedloom SQLite store the records a server keeps of articles that left its archive: what a store
holds after running for a while with retention expiring items. Usage: add_history.py DB N GONE_DAYS [NOTED]

N articles gone, keyed like the URLs publishers use (hosts of a few hundred sites; dated paths, slugs of four to
nine words, some with .html or an id), as the store's own keys are: every one has a published_id record under its
own key, one in five a second alias key under the same id (the same story at another address: a category path, an
old slug), one in ten a first_seen time (undated items are dated by their first sight). They were published over
the two years before GONE_DAYS ago. With NOTED, a forgetting pass is taken to have noted them gone GONE_DAYS ago
(gone_key), as a server running one a day would have."""
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

WORDS = ("city council budget vote harbour bridge repairs school district data study climate water river "
         "election results market prices jobs report housing plan transit line health clinic storm season "
         "festival music review team season open source release security update court ruling museum art").split()
SECTIONS = ["news", "world", "local", "business", "tech", "culture", "sport", "opinion", "blog", "posts"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def main():
    db, n, gone_days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    noted = len(sys.argv) > 4 and sys.argv[4] == "noted"
    rng = random.Random(20261206)
    now = datetime.now(timezone.utc)
    gone_at = now - timedelta(days=gone_days)
    hosts = ["%s%d.example.%s" % (rng.choice(WORDS), rng.randrange(1000), rng.choice(["com", "org", "net"]))
             for _ in range(400)]
    ids, first, gone = [], [], []
    for i in range(n):
        host = rng.choice(hosts)
        published = gone_at - timedelta(seconds=rng.randrange(2 * 365 * 86400))
        slug = "-".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
        style = rng.randrange(3)
        if style == 0:
            path = "%04d/%02d/%02d/%s" % (published.year, published.month, published.day, slug)
        elif style == 1:
            path = "%s/%s-%d.html" % (rng.choice(SECTIONS), slug, i)
        else:
            path = "%s/%04d/%02d/%s-h%d" % (rng.choice(SECTIONS), published.year, published.month, slug, i)
        key = "%s/%s" % (host, path)
        ids.append((key, key, iso(published)))
        if rng.random() < 0.2:
            other = "%s/%s/%s" % (host, rng.choice(SECTIONS), slug)
            ids.append((other + "-%d" % i, key, iso(published)))
        if rng.random() < 0.1:
            first.append((key, iso(published)))
        gone.append(key)
    c = sqlite3.connect(db)
    with c:
        c.executemany("INSERT OR IGNORE INTO published_id (alias_key, id_key, published_at) VALUES (?, ?, ?)", ids)
        c.executemany("INSERT OR IGNORE INTO first_seen (key, first_seen) VALUES (?, ?)", first)
        if noted:
            keys = [r[0] for r in ids] + [r[0] for r in first]
            c.executemany("INSERT OR IGNORE INTO gone_key (key, gone_at) VALUES (?, ?)",
                          [(k, iso(gone_at)) for k in sorted(set(keys))])
    c.close()
    print("%d gone articles: %d published ids, %d first-seen times" % (n, len(ids), len(first)), file=sys.stderr)


if __name__ == "__main__":
    main()
