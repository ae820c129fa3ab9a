package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a feed reader, a crawler or a scanner might send, drawn at random from every route with odd queries and
 * headers, sent as raw HTTP/1.1 to a whole server on the seeds (store, pages, articles, status, metrics): none is
 * answered 500 (a failure of Feedloom's own), a 503 only with {@code Retry-After}, every feed answered 200 is
 * well-formed XML, and the server answers as before once they are through. Seeded; a failure names the request.
 */
class RandomRequestsIT {
    static final int REQUESTS = Integer.getInteger("randomRequests.count", 600);

    static final String[] PATHS = {"/", "/feeds/all.xml", "/feeds/ai.xml", "/feeds/computer-vision.xml",
        "/feeds/all.rss", "/feeds/all.json", "/feeds/ai.json", "/feeds/index.opml", "/feeds/nope.xml", "/feeds/",
        "/topics/ai", "/topics/all", "/topics/nope", "/topics/", "/healthz", "/status", "/status.html", "/metrics",
        "/articles", "/admin/refresh", "/favicon.ico", "/robots.txt", "/feeds/AI.xml", "/feeds/ai.XML",
        "/feeds/ai.xml/", "/feeds/%61i.xml", "/topics/%E2%82%AC", "/topics/" + "a".repeat(300)};

    static final String[] QUERIES = {"", "?page=1", "?page=2", "?page=0", "?page=-1", "?page=99999999999999999999",
        "?page=abc", "?page=", "?page=1&page=2", "?page=1e3", "?page=%00", "?page=+2", "?page=2.0", "?page=%E2%82%AC",
        "?url=", "?url=https://thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam",
        "?url=javascript:alert(1)", "?url=%zz", "?url=" + "x".repeat(3000), "?x=1", "?&&&", "?=", "?page=2#frag"};

    static final String[] HEADERS = {"If-None-Match: *", "If-None-Match: \"x\"", "If-None-Match: W/\"x\", \"y\"",
        "If-None-Match: garbage", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT", "If-Modified-Since: yesterday",
        "If-Modified-Since: Thu, 01 Jan 2099 00:00:00 GMT", "Accept-Encoding: gzip", "Accept-Encoding: br, zstd",
        "Accept-Encoding: gzip;q=0", "Accept-Encoding: *;q=0", "Accept-Encoding: ,,,", "Accept: application/json",
        "Accept: */*;q=abc", "Range: bytes=0-10", "Range: bytes=99999999-", "Range: nonsense",
        "Host: feeds.example.org", "Host: [::1", "Host: a b", "Host: " + "h".repeat(300), "Authorization: Bearer x",
        "Cookie: a=b", "User-Agent: ", "X-Forwarded-For: 1.2.3.4", "X-Forwarded-Proto: gopher",
        "Accept-Language: xx"};

    static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "PUT", "TRACE"};

    @TempDir
    Path dir;
    @AutoClose
    RunningFeedloom server;

    @Test
    void randomRequests_areNeverAFailureOfFeedloom_andTheServerGoesOn() throws Exception {
        server = RunningFeedloom.start(dir, 3); // three entries a page: the topics have several pages
        int port = Integer.parseInt(server.baseUrl().replaceAll(".*:(\\d+)/$", "$1"));
        String before = get(port, "GET /feeds/all.xml HTTP/1.1", "Host: 127.0.0.1");
        assertEquals(200, status(before), before);
        Random random = new Random(2026_12_06L);
        int[] byClass = new int[6];
        for (int i = 0; i < REQUESTS; i++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String target = PATHS[random.nextInt(PATHS.length)] + QUERIES[random.nextInt(QUERIES.length)];
            String[] headers = new String[random.nextInt(4)];
            for (int h = 0; h < headers.length; h++) {
                headers[h] = HEADERS[random.nextInt(HEADERS.length)];
            }
            String request = method + " " + target + " HTTP/1.1";
            String response = get(port, request, headers);
            String where = "request " + i + ": " + request + " " + Arrays.toString(headers);
            if (response.isEmpty()) {
                fail(where + ": no response");
            }
            int status = status(response);
            byClass[status / 100]++;
            assertTrue(status != 500 && status < 600, where + " answered " + firstLine(response));
            if (status == 503) {
                assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("\r\nretry-after:"), where);
            }
            if (status == 200 && method.equals("GET") && target.startsWith("/feeds/") && target.contains(".xml")
                    && !response.toLowerCase(java.util.Locale.ROOT).contains("content-encoding:")) {
                wellFormed(where, body(response));
            }
        }
        assertTrue(byClass[2] > REQUESTS / 10 && byClass[4] > REQUESTS / 10, "answers of both kinds: 2xx "
                + byClass[2] + ", 3xx " + byClass[3] + ", 4xx " + byClass[4] + ", 5xx " + byClass[5]);
        assertEquals(body(before), body(get(port, "GET /feeds/all.xml HTTP/1.1", "Host: 127.0.0.1")),
                "the same feed as before");
        assertTrue(server.get("/healthz").contains("\"status\":\"ok\""), server.get("/healthz"));
    }

    /** Sends {@code requestLine} with {@code headers} (a Host header added unless one is given) and reads it all. */
    static String get(int port, String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(requestLine).append("\r\n");
            boolean host = false;
            for (String h : headers) {
                req.append(h).append("\r\n");
                host |= h.startsWith("Host:");
            }
            if (!host) {
                req.append("Host: 127.0.0.1\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String firstLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    private static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return "";
        }
        String body = response.substring(end + 4);
        if (!response.substring(0, end).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int line = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, line).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
    }

    private static void wellFormed(String where, String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (Exception e) {
            fail(where + ": a feed that is not well-formed XML: " + e.getMessage());
        }
    }
}
