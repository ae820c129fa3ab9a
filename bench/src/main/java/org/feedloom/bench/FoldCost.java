package org.feedloom.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * Issue 15's cost per new article: an archive of N articles (generated bodies of 150–400 words from a vocabulary of
 * 5,000 words, on 50 hosts, a year of dates, 3% of them copies of an earlier article on another host), kept in
 * memory as the running server keeps it, then {@code NEW} more articles merged one change each, as fetches bring
 * them; prints the median thread CPU time of one change, with folding on and off, as one JSON line per size.
 * Arguments: the archive sizes (e.g. {@code 10000 100000}); NEW (default 2,000) from the system property
 * {@code foldcost.new}. A 30,000-article round with each rule comes first, unreported, to warm the JIT up. Not a test: no assertion, run by hand or from bench/run.
 */
public final class FoldCost {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] WORDS = vocabulary();

    private FoldCost() {}

    public static void main(String[] args) {
        int fresh = Integer.getInteger("foldcost.new", 2_000);
        for (boolean fold : new boolean[] {true, false}) { // warm-up: the JIT compiles the merge first
            perNewArticle(30_000, fresh, new FoldRule(fold, 0.8, Duration.ofDays(14), 20));
        }
        for (String arg : args) {
            int size = Integer.parseInt(arg);
            for (boolean fold : new boolean[] {true, false}) {
                FoldRule rule = new FoldRule(fold, 0.8, Duration.ofDays(14), 20);
                double median = perNewArticle(size, fresh, rule);
                System.out.printf("{\"archive\":%d,\"folding\":%b,\"new\":%d,\"medianMicros\":%.1f}%n", size, fold,
                        fresh, median);
            }
        }
    }

    private static double perNewArticle(int size, int fresh, FoldRule rule) {
        Random random = new Random(size);
        List<Item> made = new ArrayList<>();
        MergedArticles archive = new MergedArticles(MergeState.inMemory(), rule);
        PublishedIds published = new PublishedIds();
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(article(random, i, made));
            if (batch.size() == 1_000) {
                archive.apply(List.of(), batch, published, key -> T0);
                batch.clear();
            }
        }
        archive.apply(List.of(), batch, published, key -> T0);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] times = new long[fresh];
        for (int i = 0; i < fresh; i++) {
            Item item = article(random, size + i, made);
            long start = cpu.getCurrentThreadCpuTime();
            archive.apply(List.of(), List.of(item), published, key -> T0);
            times[i] = cpu.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(times);
        return times[fresh / 2] / 1_000.0;
    }

    /** Article {@code n}: a new text, or (3%) a copy of an earlier one on another host with a credit line. */
    private static Item article(Random random, int n, List<Item> made) {
        String host = "outlet" + random.nextInt(50) + ".example";
        String url = "https://" + host + "/2026/" + n;
        Instant published = T0.plusSeconds(random.nextInt(365 * 86_400));
        String content;
        if (!made.isEmpty() && random.nextInt(100) < 3) {
            Item original = made.get(random.nextInt(made.size()));
            content = "<p>By A. Writer</p>" + original.content() + "<p>This story first appeared on "
                    + original.urls().get(0) + ".</p>";
            published = original.published().plusSeconds(3_600L * random.nextInt(48));
        } else {
            StringBuilder body = new StringBuilder();
            int words = 150 + random.nextInt(250);
            for (int w = 0; w < words; w++) {
                body.append(w % 60 == 0 ? (w == 0 ? "<p>" : "</p><p>") : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            content = body.append("</p>").toString();
        }
        Item item = new Item(Origin.FEED, "source:" + host, List.of(url), "Article " + n, null, Body.of(content), published,
                null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
        if (made.size() < 20_000) {
            made.add(item);
        }
        return item;
    }

    private static String[] vocabulary() {
        Random random = new Random(5);
        String[] words = new String[5_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 2 + random.nextInt(8); k > 0; k--) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }
}
