#!/usr/bin/env python3
"""The ingest corpus: COUNT feeds (default 1,000) written to OUT/feeds/NNNN.xml, deterministic for a SEED.

Formats mixed: RSS 2.0 (half), Atom 1.0 (three tenths), RSS 1.0 (one fifth); 20-100 items per feed, each with a
title, link, id/guid, date, author, 1-3 categories and an HTML summary (some RSS 2.0 items also content:encoded,
some Atom entries content). About 15% of the items repeat an article of another feed under a variant of its URL
(AMP forms, tracking parameters, www., http:// and a trailing slash), so the number of distinct articles is
known: it is printed ("expected unique articles: N") and written to OUT/expected.json with the item count.

With UPDATES and CHANGED (default 0 0), it also writes what CHANGED of the feeds (spread evenly) publish next:
OUT/updates/U/NNNN.xml for U = 1..UPDATES, each the feed as first written with U new posts added (post j the same in
every update from j on, dated after every other item); every other item of the feed stays byte for byte as it was, so
a reader sees U new items and nothing else changed.

Usage: gen_feeds.py OUT [COUNT] [SEED] [MIN_ITEMS MAX_ITEMS REPEAT_PERCENT] [UPDATES CHANGED]
(defaults 1000 6 20 100 15 0 0)"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

WORDS = ("model data vision language network learning cloud chip robot policy market startup research privacy "
         "security open source release benchmark agent search energy battery quantum climate health court "
         "platform update feature launch report study team city price deal growth").split()
VARIANTS = ("amp-segment", "amp-param", "amp-cache", "utm", "fbclid", "www", "http", "slash")


def words(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def variant(rnd, url):
    """Another URL of the same article (same canonical key)."""
    kind = rnd.choice(VARIANTS)
    base, _, query = url.partition("?")
    scheme, rest = base.split("://", 1)
    host, path = rest.split("/", 1)
    q = "?" + query if query else ""
    join = "&" if query else "?"
    if kind == "amp-segment":
        return f"{base}/amp{q}"
    if kind == "amp-param":
        return f"{url}{join}amp=1"
    if kind == "amp-cache":
        return f"https://{host.replace('.', '-')}.cdn.ampproject.org/c/s/{host}/{path}{q}"
    if kind == "utm":
        return f"{url}{join}utm_source=feed&utm_medium=rss&utm_campaign=c{rnd.randint(1, 99)}"
    if kind == "fbclid":
        return f"{url}{join}fbclid=IwAR{rnd.randint(10**6, 10**7)}"
    if kind == "www":
        return f"{scheme}://www.{host}/{path}{q}"
    if kind == "http":
        return f"http://{host}/{path}{q}"
    return f"{base}/{q}"


def summary(rnd, link):
    text = escape(words(rnd, rnd.randint(25, 60))).capitalize()
    return (f"<p>{text}.</p><p>Read <a href=\"{escape(link)}\">the full story</a> or "
            f"<em>{escape(words(rnd, 3))}</em>.</p>")


def rfc822(t):
    return t.strftime("%a, %d %b %Y %H:%M:%S +0000")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def rss20(feed, items, rnd):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           f"<channel><title>{escape(feed['title'])}</title><link>{feed['home']}</link>",
           f"<description>{escape(feed['title'])} news</description><language>en</language>"]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>")
        out.append(f"<guid isPermaLink=\"false\">{feed['host']}-{it['n']}</guid>")
        out.append(f"<pubDate>{rfc822(it['date'])}</pubDate><dc:creator>{escape(it['author'])}</dc:creator>")
        out += [f"<category>{escape(c)}</category>" for c in it["categories"]]
        out.append(f"<description>{escape(it['summary'])}</description>")
        if rnd.random() < 0.3:
            out.append(f"<content:encoded><![CDATA[{it['summary']}<p>{escape(words(rnd, 40))}.</p>]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom10(feed, items, rnd):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(feed['title'])}</title><id>{feed['home']}</id>",
           f"<link rel=\"alternate\" href=\"{feed['home']}\"/><updated>{iso(items[0]['date'])}</updated>"]
    for it in items:
        out.append("<entry>")
        out.append(f"<title>{escape(it['title'])}</title><link rel=\"alternate\" href=\"{escape(it['link'])}\"/>")
        out.append(f"<id>tag:{feed['host']},2026:{it['n']}</id>")
        out.append(f"<published>{iso(it['date'])}</published><updated>{iso(it['date'] + timedelta(hours=1))}</updated>")
        out.append(f"<author><name>{escape(it['author'])}</name></author>")
        out += [f"<category term=\"{escape(c)}\"/>" for c in it["categories"]]
        out.append(f"<summary type=\"html\">{escape(it['summary'])}</summary>")
        if rnd.random() < 0.3:
            out.append(f"<content type=\"html\">{escape(it['summary'] + '<p>' + words(rnd, 40) + '.</p>')}</content>")
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out)


def rss10(feed, items, rnd):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">',
           f"<channel rdf:about=\"{feed['home']}\"><title>{escape(feed['title'])}</title><link>{feed['home']}</link>",
           f"<description>{escape(feed['title'])} news</description><items><rdf:Seq>"]
    out += [f"<rdf:li rdf:resource=\"{escape(it['link'])}\"/>" for it in items]
    out.append("</rdf:Seq></items></channel>")
    for it in items:
        out.append(f"<item rdf:about=\"{escape(it['link'])}\">")
        out.append(f"<title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>")
        out.append(f"<description>{escape(it['summary'])}</description>")
        out.append(f"<dc:date>{iso(it['date'])}</dc:date><dc:creator>{escape(it['author'])}</dc:creator>")
        out += [f"<dc:subject>{escape(c)}</dc:subject>" for c in it["categories"]]
        out.append("</item>")
    out.append("</rdf:RDF>")
    return "\n".join(out)


def new_post(feed, f, j, seed):
    """The j-th post feed f publishes after it was first written (j from 1), the same whichever update carries it."""
    rnd = random.Random(seed * 1_000_003 + f * 1_009 + j)
    date = datetime(2026, 11, 20, tzinfo=timezone.utc) + timedelta(hours=j, minutes=rnd.randint(0, 59))
    title = words(rnd, rnd.randint(4, 10)).capitalize()
    link = f"https://{feed['host']}/{date:%Y/%m}/{title.replace(' ', '-')[:60]}-{f}-new-{j}"
    return {"n": f"new-{j}", "title": title, "link": link, "date": date, "author": f"{words(rnd, 1).title()} Writer",
            "categories": [words(rnd, 1) for _ in range(rnd.randint(1, 3))], "summary": summary(rnd, link)}


def main(out, count=1000, seed=6, min_items=20, max_items=100, repeat_percent=15, updates=0, changed=0):
    rnd = random.Random(seed)
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    articles = []        # (link, title) of every original article so far
    total_items = 0
    total_bytes = 0
    formats = {"rss20": 0, "atom10": 0, "rss10": 0}
    chosen = {i * count // changed for i in range(changed)} if updates and changed else set()
    later = []           # (f, feed, items, kind, the random state its items were written with) of the chosen feeds
    for f in range(count):
        host = f"site{f:04d}.example.com"
        feed = {"host": host, "home": f"https://{host}/", "title": f"Site {f} {words(rnd, 2)}".title()}
        items = []
        for n in range(rnd.randint(min_items, max_items)):
            date = start + timedelta(minutes=rnd.randint(0, 60 * 24 * 300))
            if articles and rnd.random() < repeat_percent / 100:
                link, title = rnd.choice(articles)
                link = variant(rnd, link)
            else:
                title = words(rnd, rnd.randint(4, 10)).capitalize()
                link = f"https://{host}/{date:%Y/%m}/{title.replace(' ', '-')[:60]}-{f}-{n}"
                if rnd.random() < 0.2:
                    link += f"?id={n}"
                articles.append((link, title))
            items.append({"n": n, "title": title, "link": link, "date": date, "author": f"{words(rnd, 1).title()} Writer",
                          "categories": [words(rnd, 1) for _ in range(rnd.randint(1, 3))], "summary": summary(rnd, link)})
        items.sort(key=lambda it: it["date"], reverse=True)
        pick = rnd.random()
        kind = "rss20" if pick < 0.5 else "atom10" if pick < 0.8 else "rss10"
        formats[kind] += 1
        if f in chosen:
            later.append((f, feed, list(items), kind, rnd.getstate()))
        body = {"rss20": rss20, "atom10": atom10, "rss10": rss10}[kind](feed, items, rnd).encode("utf-8")
        with open(os.path.join(out, "feeds", f"{f:04d}.xml"), "wb") as fh:
            fh.write(body)
        total_items += len(items)
        total_bytes += len(body)
    writers = {"rss20": rss20, "atom10": atom10, "rss10": rss10}
    for u in range(1, updates + 1):
        os.makedirs(os.path.join(out, "updates", str(u)), exist_ok=True)
        for f, feed, items, kind, state in later:
            rnd_u = random.Random()
            rnd_u.setstate(state)  # the first items are written as they were; the new posts come after them
            body = writers[kind](feed, items + [new_post(feed, f, j, seed) for j in range(u, 0, -1)], rnd_u)
            with open(os.path.join(out, "updates", str(u), f"{f:04d}.xml"), "wb") as fh:
                fh.write(body.encode("utf-8"))
    expected = {"files": count, "items": total_items, "bytes": total_bytes, "unique": len(articles),
                "formats": formats, "seed": seed}
    with open(os.path.join(out, "expected.json"), "w") as fh:
        json.dump(expected, fh)
    print(f"expected unique articles: {len(articles)} ({total_items} items in {count} feeds, {total_bytes} bytes, {formats})")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
