"""The feed documents of gen_realistic.py, one writer per platform, each laid out (namespaces, whitespace, CDATA or
escaping, dates, extra elements) as that platform writes it. Items come with literal titles, an excerpt and a body in
the platform's typography; a writer takes (feed, items, rnd) and returns the document as a string."""
from xml.sax.saxutils import escape

TYPOGRAPHY = {"\u2019": "&#8217;", "\u201c": "&#8220;", "\u201d": "&#8221;", "\u2014": "&#8212;", "\u2026": "&#8230;"}


def esc(s):
    return escape(s, {'"': "&quot;"})


def wp_text(s):
    """A title as WordPress writes it: escaped, typographic characters as numeric references."""
    s = esc(s)
    for ch, ref in TYPOGRAPHY.items():
        s = s.replace(ch, ref)
    return s


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc822(d, zone="+0000"):
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + zone


def iso(d, fmt="%Y-%m-%dT%H:%M:%SZ"):
    return d.strftime(fmt)


def link_of(platform, host, d, slug):
    """An article's URL on that platform."""
    return {"wordpress-rss": f"https://{host}/{d:%Y/%m/%d}/{slug}/", "wordpress-atom": f"https://{host}/{d:%Y/%m/%d}/{slug}/",
            "substack": f"https://{host}/p/{slug}", "ghost": f"https://{host}/{slug}/",
            "hugo": f"https://{host}/posts/{slug}/", "jekyll": f"https://{host}/{d:%Y/%m/%d}/{slug}.html",
            "blogger": f"https://{host}/{d:%Y/%m}/{slug}.html", "atom-xhtml": f"https://{host}/blog/{d:%Y/%m/%d}/{slug}",
            "news": f"https://{host}/{d:%Y/%m/%d}/world/{slug}.html"}[platform]


def wordpress_rss(feed, items, rnd):
    host, com = feed["host"], rnd.random() < 0.4  # wordpress.com adds Media RSS
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"',
           '\txmlns:content="http://purl.org/rss/1.0/modules/content/"', '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
           '\txmlns:dc="http://purl.org/dc/elements/1.1/"', '\txmlns:atom="http://www.w3.org/2005/Atom"',
           '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"', '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"']
    out += ['\txmlns:georss="http://www.georss.org/georss"', '\txmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#"',
            '\txmlns:media="http://search.yahoo.com/mrss/"'] if com else []
    out += ["\t>", "", "<channel>", f"\t<title>{wp_text(feed['title'])}</title>",
            f'\t<atom:link href="https://{host}/feed/" rel="self" type="application/rss+xml" />',
            f"\t<link>https://{host}</link>", f"\t<description>{wp_text(feed['about'])}</description>",
            f"\t<lastBuildDate>{rfc822(items[0]['date'])}</lastBuildDate>", "\t<language>en-US</language>",
            "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>", "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>",
            f"\t<generator>{'http://wordpress.com/' if com else 'https://wordpress.org/?v=6.6.2'}</generator>", "",
            f"<image>\n\t<url>https://{host}/wp-content/uploads/2024/01/cropped-icon-32x32.png</url>\n\t<title>"
            f"{wp_text(feed['title'])}</title>\n\t<link>https://{host}</link>\n\t<width>32</width>\n\t<height>32</height>\n</image> "]
    for it in items:
        pid, link = 10000 + feed["n"] * 100 + it["n"], it["link"]
        out += ["\t<item>", f"\t\t<title>{wp_text(it['title'])}</title>", f"\t\t<link>{esc(link)}</link>",
                f"\t\t<comments>{esc(link)}#{'comments' if it['comments'] else 'respond'}</comments>",
                f"\t\t<dc:creator>{cdata(it['author'])}</dc:creator>", f"\t\t<pubDate>{rfc822(it['date'])}</pubDate>"]
        out += [f"\t\t<category>{cdata(c)}</category>" for c in it["categories"]]
        out += [f'\t\t<guid isPermaLink="false">https://{host}/?p={pid}</guid>', "",
                f"\t\t\t\t\t<description>{cdata(it['excerpt'] + ' [&#8230;]')}</description>",
                f"\t\t\t\t\t\t\t\t\t\t<content:encoded>{cdata(it['body'])}</content:encoded>",
                f"\t\t\t\t\t<wfw:commentRss>{esc(link)}feed/</wfw:commentRss>",
                f"\t\t\t<slash:comments>{it['comments']}</slash:comments>"]
        if com:
            out += [f'\t\t<media:thumbnail url="{it["image"]}?w=150" />',
                    f'\t\t<media:content url="{it["image"]}" medium="image">\n\t\t\t<media:title type="html">'
                    f"{wp_text(it['title'])}</media:title>\n\t\t</media:content>"]
        out.append(f'\t\t<post-id xmlns="com-wordpress:feed-additions:1">{pid}</post-id>\t</item>')
    return "\n".join(out + ["\t</channel>", "</rss>", ""])


def wordpress_atom(feed, items, rnd):
    host = feed["host"]
    out = ['<?xml version="1.0" encoding="UTF-8"?><feed', '  xmlns="http://www.w3.org/2005/Atom"',
           '  xmlns:thr="http://purl.org/syndication/thread/1.0"', '  xml:lang="en-US"', '  >',
           f'\t<title type="text">{wp_text(feed["title"])}</title>', f'\t<subtitle type="text">{wp_text(feed["about"])}</subtitle>',
           "", f"\t<updated>{iso(items[0]['date'])}</updated>", "",
           f'\t<link rel="alternate" type="text/html" href="https://{host}" />', f"\t<id>https://{host}/feed/atom/</id>",
           f'\t<link rel="self" type="application/atom+xml" href="https://{host}/feed/atom/" />', "",
           '\t<generator uri="https://wordpress.org/" version="6.6.2">WordPress</generator>']
    for it in items:
        link, n = esc(it["link"]), it["comments"]
        out += ["\t<entry>", "\t\t<author>", f"\t\t\t<name>{esc(it['author'])}</name>", "\t\t\t\t\t</author>", "",
                f'\t\t<title type="html">{cdata(wp_text(it["title"]))}</title>',
                f'\t\t<link rel="alternate" type="text/html" href="{link}" />', "",
                f"\t\t<id>https://{host}/?p={10000 + feed['n'] * 100 + it['n']}</id>",
                f"\t\t<updated>{iso(it['date'])}</updated>", f"\t\t<published>{iso(it['date'])}</published>"]
        out += [f'\t\t<category scheme="https://{host}" term="{esc(c)}" />' for c in it["categories"]]
        out += [f'\t\t<summary type="html">{cdata(it["excerpt"] + " [&#8230;]")}</summary>',
                f'\t\t\t\t\t\t<content type="html" xml:base="{link}">{cdata(it["body"])}</content>',
                f'\t\t\t\t\t<link rel="replies" type="text/html" href="{link}#comments" thr:count="{n}" />',
                f'\t\t\t<link rel="replies" type="application/atom+xml" href="{link}feed/atom/" thr:count="{n}" />',
                f"\t\t\t<thr:total>{n}</thr:total>", "\t\t\t</entry>"]
    return "\n".join(out + ["\t</feed>", ""])


def substack(feed, items, rnd):
    host, author = feed["host"], items[0]["author"]
    mail = host.split(".")[0] + "@substack.com"
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0" '
           'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0">'
           f"<channel><title>{cdata(feed['title'])}</title><description>{cdata(feed['about'])}</description>"
           f"<link>https://{host}</link><image><url>https://substackcdn.com/image/fetch/w_256,c_limit,f_auto,q_auto:good/"
           f"https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2Flogo-{feed['n']}.png</url>"
           f"<title>{esc(feed['title'])}</title><link>https://{host}</link></image><generator>Substack</generator>"
           f"<lastBuildDate>{rfc822(items[0]['date'], 'GMT')}</lastBuildDate>"
           f'<atom:link href="https://{host}/feed" rel="self" type="application/rss+xml"/><author>{cdata(author)}</author>'
           f"<copyright>{cdata(author)}</copyright><language>{cdata('en')}</language><webMaster>{cdata(mail)}</webMaster>"
           f"<itunes:owner><itunes:email>{cdata(mail)}</itunes:email><itunes:name>{cdata(author)}</itunes:name></itunes:owner>"
           f"<itunes:author>{cdata(author)}</itunes:author><googleplay:owner>{cdata(mail)}</googleplay:owner>"
           f"<googleplay:email>{cdata(mail)}</googleplay:email><googleplay:author>{cdata(author)}</googleplay:author>"
           f"<itunes:block>{cdata('Yes')}</itunes:block>"]
    for it in items:
        out.append(f"<item><title>{cdata(it['title'])}</title><description>{cdata(it['excerpt'])}</description>"
                   f"<link>{esc(it['link'])}</link><guid isPermaLink=\"false\">{esc(it['link'])}</guid>"
                   f"<dc:creator>{cdata(it['author'])}</dc:creator><pubDate>{rfc822(it['date'], 'GMT')}</pubDate>"
                   f'<enclosure url="{it["image"]}" length="0" type="image/jpeg"/>'
                   f"<content:encoded>{cdata(it['body'])}</content:encoded></item>")
    return "".join(out) + "</channel></rss>"


def ghost(feed, items, rnd):
    host = feed["host"]
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0" '
           f'xmlns:media="http://search.yahoo.com/mrss/"><channel><title>{cdata(feed["title"])}</title>'
           f"<description>{cdata(feed['about'])}</description><link>https://{host}/</link><image>"
           f"<url>https://{host}/favicon.png</url><title>{esc(feed['title'])}</title><link>https://{host}/</link></image>"
           f"<generator>Ghost 5.{rnd.randint(80, 99)}</generator><lastBuildDate>{rfc822(items[0]['date'], 'GMT')}</lastBuildDate>"
           f'<atom:link href="https://{host}/rss/" rel="self" type="application/rss+xml"/><ttl>60</ttl>']
    for it in items:
        gid = f"{0x650000000000000000000000 + feed['n'] * 1000 + it['n']:024x}"
        cats = "".join(f"<category>{cdata(c)}</category>" for c in it["categories"])
        lead = f'<img src="{it["image"]}" alt="{esc(it["title"])}">'
        out.append(f"<item><title>{cdata(it['title'])}</title><description>{cdata(it['excerpt'])}</description>"
                   f"<link>{esc(it['link'])}</link><guid isPermaLink=\"false\">{gid}</guid>{cats}"
                   f"<dc:creator>{cdata(it['author'])}</dc:creator><pubDate>{rfc822(it['date'], 'GMT')}</pubDate>"
                   f'<media:content url="{it["image"]}" medium="image"/>'
                   f"<content:encoded>{cdata(lead + it['body'])}</content:encoded></item>")
    return "".join(out) + "</channel></rss>"


def hugo(feed, items, rnd):
    """Hugo's default template with the whole post in <description>, or (PaperMod-like) a summary there and the post
    in content:encoded."""
    host, full_in_description = feed["host"], rnd.random() < 0.5
    ns = "" if full_in_description else ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    out = ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
           f'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"{ns}>', "  <channel>",
           f"    <title>{esc(feed['title'])}</title>", f"    <link>https://{host}/</link>",
           f"    <description>Recent content on {esc(feed['title'])}</description>",
           f"    <generator>{rnd.choice(('Hugo -- gohugo.io', 'Hugo'))}</generator>", "    <language>en-us</language>",
           f"    <lastBuildDate>{rfc822(items[0]['date'])}</lastBuildDate>",
           f'    <atom:link href="https://{host}/index.xml" rel="self" type="application/rss+xml" />']
    for it in items:
        link = esc(it["link"])
        out += ["    <item>", f"      <title>{esc(it['title'])}</title>", f"      <link>{link}</link>",
                f"      <pubDate>{rfc822(it['date'])}</pubDate>", f"      <guid>{link}</guid>"]
        if full_in_description:
            out.append(f"      <description>{esc(it['body'])}</description>")
        else:
            out += [f"      <description>{esc(it['excerpt'])}</description>",
                    f"      <content:encoded>{cdata(it['body'])}</content:encoded>"]
        out.append("    </item>")
    return "\n".join(out + ["  </channel>", "</rss>", ""])


def jekyll(feed, items, rnd):
    host = feed["host"]
    out = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" >'
           '<generator uri="https://jekyllrb.com/" version="4.3.3">Jekyll</generator>'
           f'<link href="https://{host}/feed.xml" rel="self" type="application/atom+xml" />'
           f'<link href="https://{host}/" rel="alternate" type="text/html" />'
           f"<updated>{iso(items[0]['date'], '%Y-%m-%dT%H:%M:%S+00:00')}</updated><id>https://{host}/feed.xml</id>"
           f'<title type="html">{esc(feed["title"])}</title><subtitle>{esc(feed["about"])}</subtitle>'
           f"<author><name>{esc(items[0]['author'])}</name></author>"]
    for it in items:
        link, title, when = esc(it["link"]), esc(it["title"]), iso(it["date"], "%Y-%m-%dT%H:%M:%S+00:00")
        cats = "".join(f'<category term="{esc(c)}" />' for c in it["categories"])
        out.append(f'<entry><title type="html">{title}</title><link href="{link}" rel="alternate" type="text/html" '
                   f'title="{title}" /><published>{when}</published><updated>{when}</updated><id>{link}</id>'
                   f'<content type="html" xml:base="{link}">{esc(it["body"])}</content><author><name>{esc(it["author"])}'
                   f'</name></author>{cats}<summary type="html">{esc(it["excerpt"])}</summary>'
                   f'<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="{it["image"]}" />'
                   f'<media:content medium="image" url="{it["image"]}" xmlns:media="http://search.yahoo.com/mrss/" /></entry>')
    return "".join(out) + "</feed>"


def blogger(feed, items, rnd):
    host, blog = feed["host"], 3905741845175603023 + feed["n"]
    when = lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}-07:00"  # noqa: E731
    author = (f"<author><name>{esc(items[0]['author'])}</name><uri>https://www.blogger.com/profile/{blog % 10**17}</uri>"
              "<email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' "
              "height='16' src='https://img1.blogblog.com/img/b16-rounded.gif'/></author>")
    cats = sorted({c for it in items for c in it["categories"]})
    out = ["<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href=\"http://www.blogger.com/styles/atom.css\" "
           "type=\"text/css\"?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
           "xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' "
           "xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0'>"
           f"<id>tag:blogger.com,1999:blog-{blog}</id><updated>{when(items[0]['date'])}</updated>"
           + "".join(f"<category term=\"{esc(c)}\"/>" for c in cats)
           + f"<title type='text'>{esc(feed['title'])}</title><subtitle type='html'>{esc(feed['about'])}</subtitle>"
           f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='https://{host}/feeds/posts/default'/>"
           f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/posts/default'/>"
           f"<link rel='alternate' type='text/html' href='https://{host}/'/><link rel='hub' href='http://pubsubhubbub.appspot.com/'/>"
           f"{author}<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
           f"<openSearch:totalResults>{len(items)}</openSearch:totalResults><openSearch:startIndex>1</openSearch:startIndex>"
           "<openSearch:itemsPerPage>25</openSearch:itemsPerPage>"]
    for it in items:
        post = 1000000000000000000 + feed["n"] * 1000 + it["n"]
        title = esc(it["title"]).replace("'", "&#39;")
        out.append(f"<entry><id>tag:blogger.com,1999:blog-{blog}.post-{post}</id><published>{when(it['date'])}</published>"
                   f"<updated>{when(it['date'])}</updated>"
                   + "".join(f"<category scheme=\"http://www.blogger.com/atom/ns#\" term=\"{esc(c)}\"/>" for c in it["categories"])
                   + f"<title type='text'>{title}</title><content type='html'>{esc(it['body'])}</content>"
                   f"<link rel='replies' type='application/atom+xml' href='https://{host}/feeds/{post}/comments/default' "
                   f"title='Post Comments'/><link rel='replies' type='text/html' href='{esc(it['link'])}#comment-form' "
                   f"title='{it['comments']} Comments'/><link rel='edit' type='application/atom+xml' "
                   f"href='https://www.blogger.com/feeds/{blog}/posts/default/{post}'/><link rel='self' "
                   f"type='application/atom+xml' href='https://www.blogger.com/feeds/{blog}/posts/default/{post}'/>"
                   f"<link rel='alternate' type='text/html' href='{esc(it['link'])}' title='{title}'/>{author}"
                   f"<media:thumbnail xmlns:media=\"http://search.yahoo.com/mrss/\" url=\"{it['image'].replace('/s1200/', '/s72-c/')}\" "
                   f"height=\"72\" width=\"72\"/><thr:total>{it['comments']}</thr:total></entry>")
    return "".join(out) + "</feed>"


def atom_xhtml(feed, items, rnd):
    """A hand-written Atom feed (as Planet Venus-era and hand-rolled blogs publish): content as inline XHTML."""
    host = feed["host"]
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           f"  <title>{esc(feed['title'])}</title>", f"  <subtitle>{esc(feed['about'])}</subtitle>",
           f'  <link rel="self" href="https://{host}/index.atom"/>', f'  <link href="https://{host}/"/>',
           f"  <id>tag:{host},2004:feed</id>", f"  <updated>{iso(items[0]['date'])}</updated>",
           f"  <author><name>{esc(items[0]['author'])}</name><uri>https://{host}/</uri></author>"]
    for it in items:
        out += ["  <entry>", f"    <title>{esc(it['title'])}</title>", f'    <link href="{esc(it["link"])}"/>',
                f"    <id>tag:{host},{it['date']:%Y}:post-{it['n']}</id>",
                f"    <published>{iso(it['date'])}</published>", f"    <updated>{iso(it['date'])}</updated>"]
        out += [f'    <category term="{esc(c)}"/>' for c in it["categories"]]
        out += [f"    <summary>{it['excerpt']}</summary>",
                f'    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{it["body"]}</div></content>', "  </entry>"]
    return "\n".join(out + ["</feed>", ""])


def news(feed, items, rnd):
    """A news site's section feed: media, credits, keyword categories; an excerpt, and on some sites the article."""
    host, full = feed["host"], items[0]["body"] is not None
    ns = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"' if full else ""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           f'xmlns:media="http://search.yahoo.com/mrss/"{ns} version="2.0">', "  <channel>",
           f"    <title>{esc(feed['title'])}</title>", f"    <link>https://{host}/section/world</link>",
           f'    <atom:link href="https://{host}/services/xml/rss/world.xml" rel="self" type="application/rss+xml"></atom:link>',
           f"    <description>{esc(feed['about'])}</description>", "    <language>en-us</language>",
           f"    <copyright>Copyright 2026 {esc(feed['title'])}</copyright>",
           f"    <lastBuildDate>{rfc822(items[0]['date'])}</lastBuildDate>", f"    <pubDate>{rfc822(items[0]['date'])}</pubDate>",
           f"    <image>\n      <title>{esc(feed['title'])}</title>\n      <url>https://{host}/images/logo.png</url>\n"
           f"      <link>https://{host}/section/world</link>\n    </image>"]
    for it in items:
        link = esc(it["link"])
        out += ["    <item>", f"      <title>{esc(it['title'])}</title>", f"      <link>{link}</link>",
                f'      <guid isPermaLink="true">{link}</guid>', f'      <atom:link href="{link}" rel="standout"></atom:link>',
                f"      <description>{esc(it['excerpt'])}</description>", f"      <dc:creator>{esc(it['author'])}</dc:creator>",
                f"      <pubDate>{rfc822(it['date'], 'GMT')}</pubDate>"]
        out += [f'      <category domain="https://{host}/keyword/des">{esc(c)}</category>' for c in it["categories"]]
        out += [f'      <media:content height="1365" medium="image" url="{it["image"]}" width="2048"></media:content>',
                f"      <media:credit>{esc(it['author'])} for {esc(feed['title'])}</media:credit>",
                f"      <media:description>{esc(it['title'])}</media:description>"]
        if full:
            out.append(f"      <content:encoded>{cdata(it['body'])}</content:encoded>")
        out.append("    </item>")
    return "\n".join(out + ["  </channel>", "</rss>", ""])


FORMATS = {"wordpress-rss": wordpress_rss, "wordpress-atom": wordpress_atom, "substack": substack, "ghost": ghost,
           "hugo": hugo, "jekyll": jekyll, "blogger": blogger, "atom-xhtml": atom_xhtml, "news": news}
