package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {
    static final String TOKEN = "s3cret-token-of-some-length";
    final List<String> calls = new ArrayList<>();
    boolean ready = true;
    final AdminActions actions = new AdminActions() {
        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public int refreshAll() {
            calls.add("all");
            return 3;
        }

        @Override
        public boolean refresh(String sourceId) {
            calls.add(sourceId);
            return sourceId.equals("popsci-com");
        }
    };

    int post(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    WebApp app(String token) {
        SiteInfo site = new SiteInfo("F", "F", "t", 50);
        return new WebApp(Catalog::empty, new Publisher(site, new FeedCache(10L * 1024 * 1024)),
                new WebSettings(null, Duration.ofMinutes(1), token), List::of, () -> Removals.NONE, new StatusPage(site), actions, Clock.systemUTC());
    }

    @Test
    void adminRoutes_needTheBearerToken() throws Exception {
        WebApp web = app(TOKEN);
        int port = web.start("127.0.0.1", 0);
        try {
            assertEquals(401, post(port, "/admin/refresh", null));
            assertEquals(401, post(port, "/admin/refresh", "Bearer wrong"));
            assertEquals(401, post(port, "/admin/refresh", "Basic " + TOKEN));
            assertEquals(401, post(port, "/admin/refresh", "Bearer " + TOKEN + "x"));
            assertEquals(List.of(), calls, "nothing happens without the token");
            assertEquals(202, post(port, "/admin/refresh", "Bearer " + TOKEN));
            assertEquals(202, post(port, "/admin/refresh/popsci-com", "Bearer " + TOKEN));
            assertEquals(404, post(port, "/admin/refresh/nope", "Bearer " + TOKEN));
            assertEquals(List.of("all", "popsci-com", "nope"), calls);
        } finally {
            web.stop();
        }
    }

    @Test
    void adminRoutes_whileStarting_answer503WithRetryAfter_andScheduleNothing() throws Exception {
        ready = false;
        WebApp web = app(TOKEN);
        int port = web.start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/admin/refresh")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
            assertEquals(503, post(port, "/admin/refresh/popsci-com", "Bearer " + TOKEN));
            assertEquals(401, post(port, "/admin/refresh", "Bearer wrong"), "the token is checked first");
            assertEquals(List.of(), calls);
            ready = true;
            assertEquals(202, post(port, "/admin/refresh", "Bearer " + TOKEN));
            assertEquals(List.of("all"), calls);
        } finally {
            web.stop();
        }
    }

    @Test
    void adminRoutes_doNotExistWithoutAToken() throws Exception {
        WebApp web = app(null);
        int port = web.start("127.0.0.1", 0);
        try {
            assertEquals(404, post(port, "/admin/refresh", "Bearer " + TOKEN));
            assertEquals(404, post(port, "/admin/refresh/popsci-com", "Bearer " + TOKEN));
            assertEquals(List.of(), calls);
        } finally {
            web.stop();
        }
    }
}
