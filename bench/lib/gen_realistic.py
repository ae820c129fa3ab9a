#!/usr/bin/env python3
"""The realistic ingest corpus: COUNT feeds (default 1,000) written to OUT/feeds/NNNN.xml, deterministic for a SEED,
shaped the way publishing platforms write them (modelled on the captures in src/test/resources/corpus/realworld/
and on what current WordPress, Substack, Ghost, Hugo, Jekyll and Blogger emit):

- WordPress RSS 2.0 (content, wfw, dc, atom, sy, slash namespaces, and media on wordpress.com; tab-indented;
  CDATA; numeric entities such as &#8217; in the HTML; an excerpt ending in [&#8230;]; Gutenberg figures and
  embeds) and WordPress Atom (content and summary type="html" in CDATA, thr:total);
- Substack and Ghost RSS 2.0 (one line, CDATA, literal typographic characters, Substack's captioned images,
  Ghost's kg-card figures, media:content);
- Hugo RSS 2.0 (the whole post escaped into <description>, named entities such as &rsquo; and &mdash;);
- Jekyll (jekyll-feed) and Blogger Atom (escaped type="html" content, media:thumbnail), and a hand-written Atom
  feed with type="xhtml" content;
- news sites: RSS 2.0 with media:content, media:credit, several categories with a domain, dc:creator, and either
  a short excerpt only or a full body.

Bodies are 2-20 KB of HTML (skewed to the short end, as posts are): paragraphs with links, emphasis and inline code,
headings, <figure>/<img>/<figcaption>, lists, blockquotes, <pre><code>, tables, YouTube iframes and Twitter
embeds as the platforms emit them. 20-100 items a feed (skewed to the low end). About 5% of items repeat an article
of another feed under a tracking, AMP, www., http:// or trailing-slash variant of its URL (as gen_feeds.py), so the
number of distinct articles is known: printed and written to OUT/expected.json with the item and byte counts.

Usage: gen_realistic.py OUT [COUNT] [SEED] (defaults 1000 12). Python standard library only."""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_feeds import variant  # noqa: E402  the same URL variants, known to share a canonical key
from gen_realistic_feeds import FORMATS, link_of  # noqa: E402  the feed documents, one writer per platform

WORDS = """the of and to in a is that for it as was with be by on not he this are or his from at which but have an
they you were her she there been one all we their has would when if so no what up out about who them some could
into time only new like other then its now more people over after also first year years work well way because any
these two how most data model city market team power water energy policy system study report design research
software release build server network security privacy open source users feature update launch phone battery chip
camera screen price sales growth company startup court law election council school health doctors climate weather
rain season coffee garden kitchen recipe travel train flight hotel museum music album film review book chapter story
history family weekend morning evening night reader writer editor newsletter subscriber episode podcast interview
question answer problem solution idea plan project budget cost result number percent million billion local global
early late small large simple better best worse fast slow quiet loud bright dark fresh old young public private
every each several many few most least often rarely still already almost really quite rather probably perhaps""".split()
CONTRACTIONS = ("don{a}t", "it{a}s", "we{a}re", "isn{a}t", "that{a}s", "you{a}ll", "can{a}t", "I{a}ve", "they{a}re")
NAMES = ("Anna Keller", "Ben Ortiz", "Chloé Martin", "Dev Patel", "Eitan Cohen", "Fatima Noor", "Grace Liu",
         "Hannah Weiß", "Ivan Petrov", "Jo Adeyemi", "Kenji Sato", "Lucía Gómez", "Marta Nowak", "Noah Brown")
SECTIONS = ("News", "Technology", "Science", "Politics", "Business", "Culture", "Food", "Travel", "Opinion",
            "Sport", "Health", "Climate", "Books", "Music", "Design", "Programming", "Open Source", "Photography")
# typographic characters as each platform writes them: apostrophe, quotes, em dash, ellipsis, no-break space
TYPO = {"numeric": ("&#8217;", "&#8220;", "&#8221;", "&#8212;", "&#8230;", "&nbsp;"),   # WordPress (wptexturize)
        "named": ("&rsquo;", "&ldquo;", "&rdquo;", "&mdash;", "&hellip;", "&nbsp;"),      # Hugo, Jekyll, Blogger
        "literal": ("\u2019", "\u201c", "\u201d", "\u2014", "\u2026", "\u00a0"),          # Ghost, Substack
        "xml": ("&#8217;", "&#8220;", "&#8221;", "&#8212;", "&#8230;", "&#160;")}         # XHTML: XML's entities only
# platform: (share of feeds, typography, body HTML dialect)
PLATFORMS = {"wordpress-rss": (0.28, "numeric", "wp"), "wordpress-atom": (0.05, "numeric", "wp"),
             "substack": (0.14, "literal", "substack"), "ghost": (0.12, "literal", "ghost"),
             "hugo": (0.10, "named", "plain"), "jekyll": (0.06, "named", "plain"),
             "blogger": (0.05, "named", "blogger"), "atom-xhtml": (0.04, "xml", "xhtml"),
             "news": (0.16, "numeric", "wp")}


class Text:
    """Sentences and inline HTML in one platform's typography."""

    def __init__(self, rnd, typo):
        self.rnd = rnd
        self.apos, self.lq, self.rq, self.dash, self.ellipsis, self.nbsp = TYPO[typo]

    def words(self, n):
        out = []
        for _ in range(n):
            r = self.rnd.random()
            out.append(self.rnd.choice(CONTRACTIONS).format(a=self.apos) if r < 0.04 else self.rnd.choice(WORDS))
        return out

    def sentence(self, lo=8, hi=24):
        w = self.words(self.rnd.randint(lo, hi))
        w[0] = w[0].capitalize()
        r = self.rnd.random()
        if r < 0.08:
            i = self.rnd.randrange(1, len(w))
            w[i] = f"{self.lq}{w[i]}{self.rq}"
        elif r < 0.14:
            w.insert(self.rnd.randrange(1, len(w)), self.dash)
        elif r < 0.18 and len(w) > 3:
            w[1] = w[1] + self.nbsp + w[2]
            del w[2]
        if self.rnd.random() < 0.3 and len(w) > 5:
            i = self.rnd.randrange(2, len(w) - 2)
            w[i] += ","
        end = self.ellipsis if self.rnd.random() < 0.03 else self.rnd.choice(".....?!")
        return " ".join(w) + end

    def title(self):
        w = self.words(self.rnd.randint(4, 11))
        return " ".join(x.capitalize() if i == 0 or self.rnd.random() < 0.5 else x for i, x in enumerate(w))

    def paragraph(self, host):
        parts = []
        for _ in range(self.rnd.randint(2, 7)):
            w = self.sentence().split(" ")
            r = self.rnd.random()
            i = self.rnd.randrange(len(w))
            k = min(len(w), i + self.rnd.randint(1, 3))
            if r < 0.25:
                href = f"https://{host}/{self.rnd.randint(2015, 2026)}/{self.slug(3)}/"
                w[i:k] = [f'<a href="{href}">' + " ".join(w[i:k]) + "</a>"]
            elif r < 0.35:
                tag = self.rnd.choice(("em", "strong"))
                w[i:k] = [f"<{tag}>" + " ".join(w[i:k]) + f"</{tag}>"]
            elif r < 0.40:
                w.append(f"Run <code>{self.rnd.choice(WORDS)} --{self.rnd.choice(WORDS)}</code> to try it.")
            parts.append(" ".join(w))
        return "<p>" + " ".join(parts) + "</p>"

    def slug(self, n):
        return "-".join(self.rnd.choice(WORDS) for _ in range(n))


def image_url(rnd, host, dialect, w=1200):
    n = rnd.randint(1000, 99999)
    if dialect == "substack":
        return f"https://substackcdn.com/image/fetch/w_{w},c_limit,f_auto,q_auto:good/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2F{n:x}-{w}x800.jpeg"
    if dialect == "ghost":
        return f"https://{host}/content/images/size/w{w}/2025/0{rnd.randint(1, 9)}/photo-{n}.jpg"
    if dialect == "blogger":
        return f"https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE{n:x}/s{w}/IMG_{n}.jpg"
    return f"https://{host}/wp-content/uploads/2025/0{rnd.randint(1, 9)}/image-{n}-{w}x800.jpg"


def figure(t, host, dialect):
    rnd = t.rnd
    src = image_url(rnd, host, dialect)
    cap = t.sentence(5, 14)
    alt = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 8))).capitalize()
    if dialect == "wp":
        n = rnd.randint(100, 99999)
        srcset = ", ".join(f"{src.replace('1200x800', f'{w}x{w * 2 // 3}')} {w}w" for w in (300, 768, 1024, 1200))
        return (f'<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" '
                f'height="683" src="{src}" alt="{alt}" class="wp-image-{n}" srcset="{srcset}" '
                f'sizes="(max-width: 1024px) 100vw, 1024px" /><figcaption class="wp-element-caption">{cap}</figcaption></figure>')
    if dialect == "ghost":
        srcset = ", ".join(f"{src.replace('w1200', f'w{w}')} {w}w" for w in (600, 1000, 1600, 2400))
        return (f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" class="kg-image" '
                f'alt="{alt}" loading="lazy" width="2000" height="1333" srcset="{srcset}" '
                f'sizes="(min-width: 720px) 720px"><figcaption><span style="white-space: pre-wrap;">{cap}</span></figcaption></figure>')
    if dialect == "substack":
        attrs = escape(json.dumps({"src": src, "height": 816, "width": 1456, "resizeWidth": None, "bytes": rnd.randint(10**5, 10**6),
                                   "alt": None, "title": None, "type": "image/jpeg", "href": None, "belowTheFold": True}), {'"': "&quot;"})
        return (f'<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" target="_blank" '
                f'href="{src}" data-component-name="Image2ToDOM"><div class="image2-inset"><picture><source type="image/webp" '
                f'srcset="{src.replace("f_auto", "f_webp")} 424w, {src.replace("f_auto", "f_webp").replace("w_1200", "w_848")} 848w" '
                f'sizes="100vw"><img src="{src}" width="1456" height="816" data-attrs="{attrs}" class="sizing-normal" alt="" '
                f'srcset="{src} 1456w" sizes="100vw" loading="lazy"></picture><div class="image-link-expand"></div></div></a>'
                f'<figcaption class="image-caption">{cap}</figcaption></figure></div>')
    if dialect == "blogger":
        return (f'<div class="separator" style="clear: both;"><a href="{src}" style="display: block; padding: 1em 0; '
                f'text-align: center; "><img alt="" border="0" width="400" data-original-height="1200" '
                f'data-original-width="1600" src="{src.replace("/s1200/", "/s400/")}"/></a></div>'
                f'<div style="text-align: center;"><i>{cap}</i></div>')
    return f'<figure><img src="{src}" alt="{alt}" width="1200" height="800" /><figcaption>{cap}</figcaption></figure>'


def youtube(t, dialect):
    vid = "".join(t.rnd.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") for _ in range(11))
    title = " ".join(t.rnd.choice(WORDS) for _ in range(t.rnd.randint(3, 8))).capitalize()
    full = ' allowfullscreen="allowfullscreen"' if dialect == "xhtml" else " allowfullscreen"
    frame = (f'<iframe title="{title}" width="500" height="281" src="https://www.youtube.com/embed/{vid}?feature=oembed" '
             'frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
             f'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin"{full}></iframe>')
    if dialect == "wp":
        return ('<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube '
                f'wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\n{frame}\n</div></figure>')
    if dialect == "ghost":
        return f'<figure class="kg-card kg-embed-card">{frame}</figure>'
    if dialect == "substack":
        return (f'<div id="youtube2-{vid}" class="youtube-wrap" data-attrs="{{&quot;videoId&quot;:&quot;{vid}&quot;,'
                f'&quot;startTime&quot;:null,&quot;endTime&quot;:null}}" data-component-name="Youtube2ToDOM">'
                f'<div class="youtube-inner"><iframe src="https://www.youtube-nocookie.com/embed/{vid}?rel=0&amp;autoplay=0&amp;'
                'showinfo=0&amp;enablejsapi=0" frameborder="0" loading="lazy" gesture="media" allow="autoplay; '
                'fullscreen" allowautoplay="true" allowfullscreen="true" width="728" height="409"></iframe></div></div>')
    return f'<div class="video-container">{frame}</div>'


def tweet(t, dialect):
    handle = t.rnd.choice(WORDS) + str(t.rnd.randint(1, 999))
    status = t.rnd.randint(10**18, 10**19)
    body = (f'<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{t.sentence(8, 20)} '
            f'<a href="https://t.co/{status % 10**10:x}">pic.twitter.com/{status % 10**9:x}</a></p>{t.dash} '
            f'{t.rnd.choice(NAMES)} (@{handle}) <a href="https://twitter.com/{handle}/status/{status}?ref_src=twsrc%5Etfw">'
            f'March {t.rnd.randint(1, 28)}, 2025</a></blockquote>')
    script = '<script async="async" src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>' \
        if dialect == "xhtml" else '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
    if dialect == "wp":
        return (f'<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter">'
                f'<div class="wp-block-embed__wrapper">\n{body} {script}\n</div></figure>')
    return f"{body} {script}"


def code_block(t):
    lines = []
    for _ in range(t.rnd.randint(4, 18)):
        a, b = t.rnd.choice(WORDS), t.rnd.choice(WORDS)
        lines.append(t.rnd.choice((f"    if {a} &lt; len({b}) &amp;&amp; ok:", f"const {a} = await fetch(`/api/{b}`);",
                                   f"{a}_{b} = [x for x in {b} if x &gt; 0]", f"    return {a}.get(&quot;{b}&quot;)",
                                   f"# {a} {b} {t.rnd.choice(WORDS)}", f"&lt;div class=&quot;{a}&quot;&gt;{b}&lt;/div&gt;")))
    lang = t.rnd.choice(("python", "javascript", "go", "bash", "html"))
    return f'<pre class="wp-block-code"><code class="language-{lang}">' + "\n".join(lines) + "</code></pre>"


def table(t):
    cols = t.rnd.randint(3, 5)
    head = "".join(f"<th>{t.rnd.choice(WORDS).capitalize()}</th>" for _ in range(cols))
    rows = "".join("<tr>" + "".join(f"<td>{t.rnd.choice(WORDS) if c == 0 else f'{t.rnd.uniform(0, 999):.1f}'}</td>"
                                    for c in range(cols)) + "</tr>" for _ in range(t.rnd.randint(3, 8)))
    return f'<figure class="wp-block-table"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></figure>'


MAX_BODY = 20 * 1024


def body(t, host, dialect, target):
    """HTML of about `target` bytes (at least that, at most MAX_BODY): an opening paragraph, then a mix of blocks."""
    out = [t.paragraph(host)]
    if dialect in ("ghost", "substack") or t.rnd.random() < 0.5:
        out.insert(0, figure(t, host, dialect))
    size = sum(len(b) + 1 for b in out)
    while size < target:
        r = t.rnd.random()
        if r < 0.55:
            block = t.paragraph(host)
        elif r < 0.63:
            level = t.rnd.choice("23")
            block = f"<h{level}>{t.title()}</h{level}>"
        elif r < 0.71:
            block = figure(t, host, dialect)
        elif r < 0.78:
            tag = t.rnd.choice(("ul", "ol"))
            block = f"<{tag}>" + "".join(f"<li>{t.sentence(4, 14)}</li>" for _ in range(t.rnd.randint(3, 7))) + f"</{tag}>"
        elif r < 0.84:
            block = f'<blockquote class="wp-block-quote"><p>{t.sentence()} {t.sentence()}</p><cite>{t.rnd.choice(NAMES)}</cite></blockquote>'
        elif r < 0.89:
            block = code_block(t)
        elif r < 0.92:
            block = table(t)
        elif r < 0.95:
            block = youtube(t, dialect)
        elif r < 0.98:
            block = tweet(t, dialect)
        else:
            block = "<hr />" if dialect in ("wp", "xhtml") else "<hr>"
        if size + len(block) + 1 > MAX_BODY:
            break
        out.append(block)
        size += len(block) + 1
    return "\n".join(out)


def body_size(rnd):
    """The target size of a body: 2-20 KB, skewed to the short end (median 2.4 KB, mean 4.1 KB; the blocks
    overshoot it by about 1 KB)."""
    return int(2048 * 10 ** (rnd.random() ** 4))


def main(out, count=1000, seed=12):
    rnd = random.Random(seed)
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    end = datetime(2026, 11, 1, tzinfo=timezone.utc)
    names, shares = zip(*((k, v[0]) for k, v in PLATFORMS.items()))
    articles, counts = [], {k: 0 for k in PLATFORMS}
    total_items = total_bytes = with_body = 0
    for f in range(count):
        platform = rnd.choices(names, shares)[0]
        counts[platform] += 1
        _, typo, dialect = PLATFORMS[platform]
        t = Text(rnd, typo)
        plain = Text(rnd, "literal")  # titles: each writer encodes them as its platform does
        host = {"substack": f"{t.slug(1)}{f}.substack.com", "ghost": f"{t.slug(1)}-{f}.ghost.io",
                "blogger": f"{t.slug(1)}{f}.blogspot.com"}.get(platform, f"www.{t.slug(1)}{f}.example.com")
        feed = {"n": f, "host": host, "title": plain.title(), "about": plain.sentence(6, 14), "platform": platform}
        n_items = 20 + int(80 * rnd.random() ** 5)
        full = platform != "news" or rnd.random() < 0.5
        date = end - timedelta(minutes=rnd.randint(0, 60 * 24 * 7))
        items = []
        for n in range(n_items):
            date -= timedelta(minutes=rnd.randint(30, 60 * 24 * (3 if platform == "news" else 12)))
            title = plain.title()
            if articles and rnd.random() < 0.05:
                link, title = rnd.choice(articles)
                link = variant(rnd, link).replace("://www.www.", "://")  # the www. variant of a www. host: none
            else:
                link = link_of(platform, host, date, f"{t.slug(rnd.randint(3, 7))}-{n}")
                articles.append((link, title))
            html = body(t, host, dialect, body_size(rnd)) if full else None
            with_body += html is not None
            items.append({"n": n, "title": title, "link": link, "date": date, "author": rnd.choice(NAMES),
                          "categories": rnd.sample(SECTIONS, rnd.randint(1, 5)), "body": html,
                          "excerpt": " ".join(t.sentence() for _ in range(rnd.randint(1, 3))),
                          "image": image_url(rnd, host, dialect), "comments": rnd.randint(0, 80)})
        doc = FORMATS[platform](feed, items, rnd).encode("utf-8")
        with open(os.path.join(out, "feeds", f"{f:04d}.xml"), "wb") as fh:
            fh.write(doc)
        total_items += len(items)
        total_bytes += len(doc)
    expected = {"files": count, "items": total_items, "bytes": total_bytes, "unique": len(articles),
                "formats": counts, "items_with_body": with_body, "seed": seed}
    with open(os.path.join(out, "expected.json"), "w") as fh:
        json.dump(expected, fh)
    print(f"expected unique articles: {len(articles)} ({total_items} items, {with_body} with a full body, in {count} "
          f"feeds, {total_bytes} bytes, {counts})")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
