package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.feedloom.testing.TestHub;
import org.junit.jupiter.api.Test;

/** WebSub publish pings (issue 5) against a real hub stand-in on loopback. */
class WebSubPublisherTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void publish_postsTheFormEncodedPing_andCompletesTrue() throws Exception {
        try (TestHub hub = new TestHub(); WebSubPublisher publisher = new WebSubPublisher(hub.url(), "feedloom-test", TIMEOUT)) {
            String feed = "https://feeds.example.org/feeds/ai.xml?page=2&x=a b";
            assertTrue(publisher.publish(feed).get(30, TimeUnit.SECONDS));
            assertEquals(1, hub.pings.size());
            TestHub.Ping ping = hub.pings.get(0);
            assertEquals("POST", ping.method());
            assertEquals("application/x-www-form-urlencoded", ping.contentType());
            assertEquals(Map.of("hub.mode", "publish", "hub.url", feed), ping.form());
        }
    }

    @Test
    void pings_goOutOneAtATime_inTheOrderQueued() throws Exception {
        try (TestHub hub = new TestHub(); WebSubPublisher publisher = new WebSubPublisher(hub.url(), "feedloom-test", TIMEOUT)) {
            List<String> feeds = new ArrayList<>();
            List<CompletableFuture<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                feeds.add("https://feeds.example.org/feeds/t" + i + ".xml");
                done.add(publisher.publish(feeds.get(i)));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(feeds, hub.pingedUrls());
        }
    }

    @Test
    void hubErrors_andAnUnreachableHub_completeFalse_andNeverThrow() throws Exception {
        try (TestHub hub = new TestHub(); WebSubPublisher publisher = new WebSubPublisher(hub.url(), "feedloom-test", TIMEOUT)) {
            hub.status = 500;
            assertFalse(publisher.publish("https://feeds.example.org/feeds/a.xml").get(30, TimeUnit.SECONDS));
            assertFalse(publisher.publish("https://feeds.example.org/feeds/b.xml").get(30, TimeUnit.SECONDS));
            hub.status = 202;
            assertTrue(publisher.publish("https://feeds.example.org/feeds/c.xml").get(30, TimeUnit.SECONDS));
            assertEquals(3, hub.pings.size());
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (WebSubPublisher publisher = new WebSubPublisher("http://127.0.0.1:" + closedPort + "/hub", "feedloom-test", TIMEOUT)) {
            assertFalse(publisher.publish("https://feeds.example.org/feeds/a.xml").get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void close_sendsWhatIsQueued_thenRefusesNewPings() throws Exception {
        try (TestHub hub = new TestHub()) {
            WebSubPublisher publisher = new WebSubPublisher(hub.url(), "feedloom-test", TIMEOUT);
            for (int i = 0; i < 3; i++) {
                publisher.publish("https://feeds.example.org/feeds/t" + i + ".xml");
            }
            publisher.close(Duration.ofSeconds(30));
            assertEquals(3, hub.pings.size());
            assertFalse(publisher.publish("https://feeds.example.org/feeds/late.xml").get(30, TimeUnit.SECONDS));
            assertEquals(3, hub.pings.size());
        }
    }
}
