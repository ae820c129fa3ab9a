"""Prints what newsboat stored in its cache (SQLite), one fact per line, tab-separated.

Usage: python3 newsboat_cache.py CACHE_FILE
  FEED <rssurl> <title>
  ITEM <feedurl> <guid> <url> <deleted 0|1>
"""
import sqlite3
import sys


def main():
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    for rssurl, title in db.execute("SELECT rssurl, title FROM rss_feed ORDER BY rssurl"):
        print("\t".join(["FEED", rssurl, title or ""]))
    for feedurl, guid, url, deleted in db.execute(
            "SELECT feedurl, guid, url, deleted FROM rss_item ORDER BY feedurl, pubDate DESC, id"):
        print("\t".join(["ITEM", feedurl, guid, url or "", str(deleted)]))


if __name__ == "__main__":
    main()
