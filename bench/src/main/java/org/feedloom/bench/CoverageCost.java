package org.feedloom.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Body;
import org.feedloom.model.Article;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;

/**
 * Issue 15's cost of related coverage per new article, and what its index holds in memory: an archive of N
 * published articles put into {@link Coverage} as a running server puts them, then {@code NEW} more, one at a time;
 * prints the median thread CPU time of one put, the links made and the heap the index holds (after a full GC,
 * against the same articles without it), as one JSON line per size.
 *
 * <p>The articles are modelled on news: two years of dates on 300 outlets; each article names three to seven people,
 * organisations or places from a pool of 300,000 drawn with a Zipf law (a few names, a head of state or a big
 * company, are in thousands of articles; most are in a handful) and gives one or two figures; one story in ten is
 * reported by two to four outlets within two days, naming the same three names and a figure, each in its own
 * words. Arguments: the archive sizes (e.g. {@code 100000 1000000}); NEW (default 2,000) from the system property
 * {@code coveragecost.new}. A 30,000-article round comes first, unreported, to warm the JIT up. Not a test: no
 * assertion, run by hand or from bench/run.
 */
public final class CoverageCost {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final int NAMES = 300_000;
    private static final String[] FIRST = {"Dana", "Alan", "Ruth", "Tom", "Irene", "Pascal", "Hannah", "Camille",
        "Gemma", "Lorna", "Stefan", "Helen", "Rachel", "Carla", "Jonas", "Mei", "Omar", "Priya", "Lucas", "Ines"};
    private static final String[] KIND = {"Group", "Council", "Bank", "University", "Street", "Park", "Motors",
        "Foods", "Energy", "Airport", "Hospital", "Rovers", "Institute", "Airlines", "Therapeutics", "Bay"};

    private CoverageCost() {}

    public static void main(String[] args) {
        int fresh = Integer.getInteger("coveragecost.new", 2_000);
        run(30_000, fresh, false); // warm-up
        for (String arg : args) {
            run(Integer.parseInt(arg), fresh, true);
        }
    }

    private static void run(int size, int fresh, boolean report) {
        Random random = new Random(size);
        double[] zipf = zipf(NAMES, 1.0);
        List<Article> archive = new ArrayList<>(size);
        while (archive.size() < size) {
            story(random, zipf, archive.size(), archive);
        }
        long without = heapAfterGc();
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        for (int i = 0; i < archive.size(); i++) {
            coverage.put(archive.get(i));
            if (i % 1_000 == 0) {
                coverage.drainMade(); // as every rebuild does
            }
        }
        coverage.drainMade();
        long with = heapAfterGc();
        int linkedBefore = coverage.linked();
        long within = 0;
        long across = 0;
        for (Article article : archive) {
            for (var link : coverage.linksOf(article.key())) {
                if (story(link.url()).equals(story(article.url()))) {
                    within++;
                } else {
                    across++;
                }
            }
        }
        List<Article> more = new ArrayList<>();
        while (more.size() < fresh) {
            story(random, zipf, size + more.size(), more);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] times = new long[more.size()];
        for (int i = 0; i < times.length; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            coverage.put(more.get(i));
            times[i] = cpu.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(times);
        if (report) {
            System.out.printf("{\"archive\":%d,\"new\":%d,\"medianMicros\":%.1f,\"p99Micros\":%.1f,"
                            + "\"linkedArticles\":%d,\"pairsWithinStories\":%d,\"pairsAcrossStories\":%d,"
                            + "\"storyPairs\":%d,\"indexMB\":%.1f}%n", size, times.length,
                    times[times.length / 2] / 1_000.0, times[times.length * 99 / 100] / 1_000.0, linkedBefore,
                    within / 2, across / 2, storyPairs(archive), (with - without) / 1e6);
        }
        archive.clear(); // keep the archive reachable until measured
    }

    /** The story an article's URL belongs to (its URLs are {@code .../news/<story>-<n>}). */
    private static String story(String url) {
        String last = url.substring(url.lastIndexOf('/') + 1);
        return last.substring(0, last.indexOf('-'));
    }

    /** The pairs of articles reporting one generated story on different outlets: what a perfect rule links. */
    private static long storyPairs(List<Article> archive) {
        java.util.Map<String, List<String>> hosts = new java.util.HashMap<>();
        for (Article a : archive) {
            hosts.computeIfAbsent(story(a.url()), k -> new ArrayList<>()).add(java.net.URI.create(a.url()).getHost());
        }
        long pairs = 0;
        for (List<String> h : hosts.values()) {
            for (int i = 0; i < h.size(); i++) {
                for (int j = i + 1; j < h.size(); j++) {
                    pairs += h.get(i).equals(h.get(j)) ? 0 : 1;
                }
            }
        }
        return pairs;
    }

    /** A story: one article, or (one in ten) two to four outlets' reports of one event within two days. */
    private static void story(Random random, double[] zipf, int n, List<Article> out) {
        Instant published = T0.plusSeconds(random.nextInt(730 * 86_400));
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shared.add(name(draw(random, zipf)));
        }
        String figure = String.format("%,d", 100 + random.nextInt(90_000));
        int reports = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
        for (int r = 0; r < reports; r++) {
            StringBuilder text = new StringBuilder("<p>");
            List<String> names = new ArrayList<>(reports > 1 ? shared : List.of());
            for (int i = names.size(), k = 3 + random.nextInt(5); i < k; i++) {
                names.add(name(draw(random, zipf)));
            }
            for (String name : names) {
                text.append("Officials said ").append(name).append(" had agreed on the plan. ");
            }
            text.append("About ").append(reports > 1 ? figure : String.format("%,d", 100 + random.nextInt(90_000)))
                    .append(" people were affected.</p>");
            String host = "outlet" + random.nextInt(300) + ".example";
            String url = "https://" + host + "/news/" + n + "-" + (n + out.size());
            Instant at = published.plusSeconds(random.nextInt(2 * 86_400));
            out.add(new Article(url.substring(8), url, List.of(url.substring(8)), List.of(url),
                    "Report " + (n + out.size()), null, Body.of(text.toString()), at, at,
                    new Provider("Outlet " + host, host, List.of()), List.of(), List.of(), List.of(), List.of(), null,
                    List.of(), List.of("source:" + host), Origin.FEED, null));
        }
    }

    /** Name {@code i} of the pool: two or three capitalised words. */
    private static String name(int i) {
        String first = FIRST[i % FIRST.length];
        String last = "Q" + Integer.toString(i / FIRST.length, 36);
        return i % 3 == 0 ? first + " " + last + " " + KIND[i % KIND.length] : first + " " + last;
    }

    private static int draw(Random random, double[] cumulative) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, i < 0 ? -i - 1 : i);
    }

    /** The cumulative distribution of a Zipf law with exponent {@code s} over {@code n} ranks. */
    private static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
