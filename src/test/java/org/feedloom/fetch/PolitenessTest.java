package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.FetchResult.Outcome;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Politeness: the fetcher's requests in flight, counted at real servers that hold them until the test lets go. */
class PolitenessTest {
    /**
     * Every request is held by its server until the test opens that server's gate, so the peaks are reached and
     * checked while the other requests are seen waiting for a permit, whatever the machine's speed.
     */
    @Test
    void concurrency_isBoundedPerHostAndOverall() throws Exception {
        FeedloomConfig.Fetch limits = new FeedloomConfig.Fetch(3, 2, Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, 5);
        // a clock that stands still: time spent queued for a permit does not eat the requests' deadline
        HttpFetcher limited = new HttpFetcher(limits, "t", HttpFetcherTest.FIXED);
        CountDownLatch gateA = new CountDownLatch(1);
        CountDownLatch gateB = new CountDownLatch(1);
        try (TestServer a = gated(gateA); TestServer b = gated(gateB)) {
            // a: 127.0.0.1, b: localhost — two different hosts for the limiter
            List<Future<FetchResult>> results = fetchAll(limited, 12, i -> i % 2 == 0 ? a.url("/x" + i)
                    : b.url("/x" + i).replace("127.0.0.1", "localhost"));
            waitUntil(() -> a.inFlight.get() + b.inFlight.get() == 3 && limited.waiting() == 9);
            boolean aFirst = a.inFlight.get() == 2; // one host has two of the three permits, the other one
            TestServer second = aFirst ? b : a;
            TestServer first = aFirst ? a : b;
            (aFirst ? gateA : gateB).countDown();
            waitUntil(() -> first.requests.size() == 6 && first.inFlight.get() == 0
                    && second.inFlight.get() == 2 && limited.waiting() == 4);
            (aFirst ? gateB : gateA).countDown();
            for (Future<FetchResult> f : results) {
                assertEquals(Outcome.OK, f.get().outcome());
            }
            assertEquals(2, a.peak.get(), "at most 2 at once per host");
            assertEquals(2, b.peak.get());
        }
        CountDownLatch gate = new CountDownLatch(1);
        try (TestServer one = gated(gate)) {
            HttpFetcher wide = new HttpFetcher(new FeedloomConfig.Fetch(3, 10, Duration.ofSeconds(5), Duration.ofSeconds(10), 1024, 5), "t",
                    HttpFetcherTest.FIXED);
            List<Future<FetchResult>> results = fetchAll(wide, 10, i -> one.url("/y" + i));
            waitUntil(() -> one.inFlight.get() == 3 && wide.waiting() == 7);
            gate.countDown();
            for (Future<FetchResult> f : results) {
                f.get();
            }
            assertEquals(3, one.peak.get(), "at most 3 at once overall");
        }
    }

    /** Each request reports its wait per limit: the second request to a host allowed one at a time waits for the first. */
    @Test
    void waits_areReportedPerLimit_aRequestToABusyHostWaitingForTheOneInFlight() throws Exception {
        FeedloomConfig.Fetch limits = new FeedloomConfig.Fetch(4, 1, Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, 5);
        List<String> limitsWaited = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong longestHostWait = new java.util.concurrent.atomic.AtomicLong();
        HttpFetcher fetcher = new HttpFetcher(limits, "t", HttpFetcherTest.FIXED, (limit, nanos) -> {
            limitsWaited.add(limit);
            if (limit.equals("host")) {
                longestHostWait.accumulateAndGet(nanos, Math::max);
            }
        });
        CountDownLatch gate = new CountDownLatch(1);
        try (TestServer one = gated(gate)) {
            List<Future<FetchResult>> results = fetchAll(fetcher, 2, i -> one.url("/w" + i));
            waitUntil(() -> one.inFlight.get() == 1 && fetcher.waiting() == 1);
            Thread.sleep(100); // the second request waits this long at least for the host's one permit
            gate.countDown();
            for (Future<FetchResult> f : results) {
                assertEquals(Outcome.OK, f.get().outcome());
            }
        }
        assertEquals(List.of("host", "overall", "host", "overall"), limitsWaited);
        assertTrue(longestHostWait.get() >= TimeUnit.MILLISECONDS.toNanos(100), longestHostWait + " ns");
    }

    /**
     * A source queued behind its host's slow request is not timed out for that slowness: its deadline counts from
     * when its turn comes. The clock moves past the whole timeout while the second request waits for the permit.
     */
    @Test
    void timeWaitedForAHostsTurn_isNotTheRequestsTime() throws Exception {
        FeedloomConfig.Fetch limits = new FeedloomConfig.Fetch(4, 1, Duration.ofSeconds(5), Duration.ofSeconds(10),
                1024 * 1024, 5);
        MutableClock clock = new MutableClock(HttpFetcherTest.FIXED.instant());
        HttpFetcher fetcher = new HttpFetcher(limits, "t", clock);
        CountDownLatch gate = new CountDownLatch(1);
        try (TestServer one = gated(gate)) {
            List<Future<FetchResult>> results = fetchAll(fetcher, 2, i -> one.url("/q" + i));
            waitUntil(() -> one.inFlight.get() == 1 && fetcher.waiting() == 1);
            clock.advance(limits.timeout().plusSeconds(1));
            gate.countDown();
            for (Future<FetchResult> f : results) {
                assertEquals(Outcome.OK, f.get().outcome(), f.get().error());
            }
            assertEquals(2, one.requests.size());
        }
    }

    /** A server whose every request waits for {@code gate} (at most 30 s), then gets the feed. */
    static TestServer gated(CountDownLatch gate) throws IOException {
        return new TestServer().on("/", ex -> {
            await(gate);
            TestServer.send(ex, 200, "text/xml", HttpFetcherTest.RSS);
        });
    }

    /** Starts {@code n} fetches at once, each on its own thread. */
    static List<Future<FetchResult>> fetchAll(HttpFetcher fetcher, int n, IntFunction<String> url) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<FetchResult>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String u = url.apply(i);
            results.add(pool.submit(() -> fetcher.fetch(FetchRequest.of(u))));
        }
        pool.shutdown();
        return results;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls every 5 ms for up to 10 s. */
    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting");
    }
}
