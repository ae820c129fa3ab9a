"""Reads feeds the way a Python program would, with feedparser, and prints what it saw, one fact per line.

Usage: python3 feedparser_check.py URL...   (Atom and RSS URLs are parsed by feedparser, which follows the RFC 5005
"next" links of an Atom feed; JSON Feed URLs by feedparser when it supports JSON Feed, else by the json module
against the JSON Feed 1.1 required fields.)

Output lines, tab-separated:
  PAGE   <start url> <page url> <bozo 0|1> <version> <http status> <self link> <hub link>
  BOZO   <start url> <page url> <exception>
  ENTRY  <start url> <page url> <id> <link>
  JSON   <start url> <parser: feedparser|json-module> <why>
  PROBLEM <start url> <message>
"""
import json
import sys
import urllib.request

import feedparser


def out(*fields):
    print("\t".join("" if f is None else str(f).replace("\t", " ").replace("\n", " ") for f in fields))


def link(links, rel):
    for l in links or []:
        if l.get("rel") == rel:
            return l.get("href")
    return None


def check_xml(start):
    url, seen = start, set()
    while url and url not in seen:
        seen.add(url)
        d = feedparser.parse(url)
        out("PAGE", start, url, 1 if d.bozo else 0, d.get("version"), d.get("status"),
            link(d.feed.get("links"), "self"), link(d.feed.get("links"), "hub"))
        if d.bozo:
            out("BOZO", start, url, repr(d.get("bozo_exception")))
        for e in d.entries:
            out("ENTRY", start, url, e.get("id"), e.get("link"))
        url = link(d.feed.get("links"), "next") if d.get("version", "").startswith("atom") else None


def check_json(start):
    body = urllib.request.urlopen(start, timeout=30).read()
    d = feedparser.parse(body)
    if d.get("version", "").startswith("json"):
        out("JSON", start, "feedparser", "feedparser " + feedparser.__version__ + " reads JSON Feed")
        out("PAGE", start, start, 1 if d.bozo else 0, d.version, 200, d.feed.get("feed_url"), None)
        for e in d.entries:
            out("ENTRY", start, start, e.get("id"), e.get("link"))
        return
    out("JSON", start, "json-module", "feedparser " + feedparser.__version__ + " does not read JSON Feed")
    try:
        feed = json.loads(body.decode("utf-8"))
    except ValueError as e:
        out("PROBLEM", start, "not JSON: %s" % e)
        return
    problems = json_feed_problems(feed)
    for p in problems:
        out("PROBLEM", start, p)
    hubs = [h.get("url") for h in feed.get("hubs", []) if isinstance(h, dict)]
    out("PAGE", start, start, 1 if problems else 0, "json11", 200, feed.get("feed_url"), hubs[0] if hubs else None)
    for item in feed.get("items", []):
        if isinstance(item, dict):
            out("ENTRY", start, start, item.get("id"), item.get("url"))


def json_feed_problems(feed):
    """The JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/): required fields and the types of the rest."""
    p = []
    if not isinstance(feed, dict):
        return ["top level is not an object"]
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        p.append("version is %r" % feed.get("version"))
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        p.append("title missing")
    for key in ("home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon",
                "language"):
        if key in feed and not isinstance(feed[key], str):
            p.append("%s is not a string" % key)
    if "authors" in feed and not all(isinstance(a, dict) and a for a in feed["authors"]):
        p.append("authors must be non-empty objects")
    if not isinstance(feed.get("items"), list):
        p.append("items missing")
        return p
    ids = set()
    for i, item in enumerate(feed["items"]):
        if not isinstance(item, dict):
            p.append("item %d is not an object" % i)
            continue
        if not isinstance(item.get("id"), str) or not item["id"]:
            p.append("item %d has no string id" % i)
        elif item["id"] in ids:
            p.append("item %d repeats id %s" % (i, item["id"]))
        ids.add(item.get("id"))
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            p.append("item %d has neither content_html nor content_text" % i)
        for key in ("url", "external_url", "title", "summary", "image", "banner_image", "date_published",
                    "date_modified"):
            if key in item and not isinstance(item[key], str):
                p.append("item %d: %s is not a string" % (i, key))
        if "tags" in item and not all(isinstance(t, str) for t in item["tags"]):
            p.append("item %d: tags must be strings" % i)
    return p


def main():
    for url in sys.argv[1:]:
        if url.endswith(".json"):
            check_json(url)
        else:
            check_xml(url)


if __name__ == "__main__":
    main()
