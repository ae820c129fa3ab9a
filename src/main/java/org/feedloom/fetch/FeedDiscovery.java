package org.feedloom.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.feedloom.fetch.FetchResult.Outcome;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the feed of a site: the first {@code <link rel="alternate">} of an RSS, Atom or JSON Feed type on its
 * homepage, else the first of {@code /feed}, {@code /rss}, {@code /feed.xml}, {@code /rss.xml},
 * {@code /atom.xml}, {@code /index.xml} that answers with something that looks like a feed. Every fetch is for the
 * site as configured: a public site's homepage, redirects and probes reach public addresses only, and so does the
 * fetch of the feed URL found, when made with the site as its configured URL ({@link FetchRequest#configured}).
 * Thread-safe.
 */
public final class FeedDiscovery {
    static final List<String> FALLBACKS = List.of("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml");
    private static final Set<String> FEED_TYPES = Set.of("application/rss+xml", "application/atom+xml",
            "application/feed+json", "application/json", "application/rdf+xml", "application/xml", "text/xml");

    private final HttpFetcher fetcher;

    public FeedDiscovery(HttpFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** @param site a bare domain ({@code popsci.com}) or a homepage URL */
    public Discovery discover(String site) {
        String home = site.contains("://") ? site : "https://" + site + "/";
        FetchResult page = fetcher.fetch(forSite(home, site));
        if (page.outcome() == Outcome.ERROR && !site.contains("://")) {
            FetchResult plain = fetcher.fetch(forSite("http://" + site + "/", site));
            page = plain.outcome() == Outcome.OK ? plain : page;
        }
        if (page.outcome() == Outcome.OK) {
            if (looksLikeFeed(page.body())) {
                return Discovery.found(page.finalUrl());
            }
            String linked = fromLinks(page);
            if (linked != null) {
                return Discovery.found(linked);
            }
        }
        String base = page.outcome() == Outcome.OK ? page.finalUrl() : home;
        for (String path : FALLBACKS) {
            String candidate = HttpFetcher.httpUri(base).resolve(path).toString();
            FetchResult r = fetcher.fetch(forSite(candidate, site));
            if (r.outcome() == Outcome.OK && looksLikeFeed(r.body())) {
                return Discovery.found(r.finalUrl());
            }
        }
        String why = page.outcome() == Outcome.OK ? "no feed link on the homepage and none at " + String.join(", ", FALLBACKS)
                : "homepage unavailable (" + page.error() + ") and no feed at " + String.join(", ", FALLBACKS);
        return Discovery.failed("discover: " + site + ": " + why);
    }

    private static FetchRequest forSite(String url, String site) {
        return new FetchRequest(url, null, null, site);
    }

    private static String fromLinks(FetchResult page) {
        Document doc = Jsoup.parse(new String(page.body(), StandardCharsets.UTF_8), page.finalUrl());
        for (Element link : doc.select("link[rel][href]")) {
            boolean alternate = List.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains("alternate");
            String type = link.attr("type").toLowerCase(Locale.ROOT).replaceAll(";.*", "").strip();
            if (alternate && FEED_TYPES.contains(type)) {
                String href = link.absUrl("href");
                if (href.startsWith("http://") || href.startsWith("https://")) {
                    return href;
                }
            }
        }
        return null;
    }

    /** An XML document whose root is rss, feed or RDF, or JSON naming a JSON Feed version. */
    static boolean looksLikeFeed(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)
                .replace("\uFEFF", "").stripLeading();
        if (head.startsWith("{")) {
            return head.contains("jsonfeed.org/version");
        }
        String noProlog = head.replaceAll("(?s)<\\?.*?\\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "").stripLeading();
        return noProlog.matches("(?s)<(rss|feed|rdf:RDF|RDF)[\\s>/].*");
    }
}
