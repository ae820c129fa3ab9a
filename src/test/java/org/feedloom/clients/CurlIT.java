package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 with curl (Debian's curl): for every format of every topic (Atom, each Atom page, RSS, JSON Feed), the
 * OPML and the HTML pages, a conditional GET with the ETag curl was given answers 304 with no body — plain and
 * gzip-compressed ({@code --compressed}) alike.
 */
class CurlIT extends AgainstFeedloom {
    static final Pattern ETAG = Pattern.compile("(?im)^etag:\\s*(\\S+)\\s*$");
    static List<String> urls = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String base = feedloom.baseUrl();
        for (Expected e : Expected.of(feedloom.catalog(), PAGE_SIZE, base)) {
            urls.addAll(List.of(e.atomUrl(), e.rssUrl(), e.jsonUrl(), base + "topics/" + e.slug()));
            for (int page = 1; page <= e.pages(); page++) {
                urls.add(e.atomPageUrl(page));
            }
        }
        urls.addAll(List.of(base + "feeds/index.opml", base));
    }


    /** curl's status line and headers on stdout (body to {@code body}); exit 0 is checked. */
    static String curl(Path body, String... args) throws Exception {
        Path curl = Clients.executable("curl", "curl");
        List<String> command = new ArrayList<>(List.of(curl.toString(), "--silent", "--show-error", "--max-time", "30",
                "--dump-header", "-", "--output", body.toString()));
        command.addAll(List.of(args));
        Clients.Run run = Clients.run(dir, Duration.ofMinutes(1), Map.of(), command.toArray(String[]::new));
        assertEquals(0, run.exit(), run.describe());
        return run.stdout();
    }

    static void revalidates(String url, String... extra) throws Exception {
        Path body = dir.resolve("body");
        List<String> first = new ArrayList<>(List.of(extra));
        first.add(url);
        String headers = curl(body, first.toArray(String[]::new));
        assertTrue(headers.startsWith("HTTP/1.1 200"), url + "\n" + headers);
        assertTrue(Files.size(body) > 0, url);
        Matcher etag = ETAG.matcher(headers);
        assertTrue(etag.find(), url + ": no ETag\n" + headers);

        List<String> second = new ArrayList<>(List.of(extra));
        second.addAll(List.of("--header", "If-None-Match: " + etag.group(1), url));
        Path notModified = dir.resolve("not-modified-body");
        Files.deleteIfExists(notModified);
        String again = curl(notModified, second.toArray(String[]::new));
        assertTrue(again.startsWith("HTTP/1.1 304"), url + " with If-None-Match " + etag.group(1) + "\n" + again);
        assertTrue(!Files.exists(notModified) || Files.size(notModified) == 0, url + ": a 304 has no body");
    }

    @Test
    void everyFormat_conditionalGetWithItsETag_is304() throws Exception {
        for (String url : urls) {
            revalidates(url);
        }
    }

    @Test
    void everyFormat_compressed_conditionalGetWithItsETag_is304() throws Exception {
        for (String url : urls) {
            revalidates(url, "--compressed");
        }
    }
}
