package org.feedloom.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.Fingerprint;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.Parallelism;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;
import org.feedloom.parse.FeedParseException;
import org.feedloom.parse.FeedParser;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;

/**
 * The ingest benchmark's Java side, in one JVM: {@code feedloom DIR RUNS WARMUPS} reads, parses (FeedParser),
 * canonicalises and dedupes (ArticleMerger, in memory: no store, no topics, no rendering) every file in
 * {@code DIR} ({@code feedloom-rome}: the same with the parser's StAX fast path off, ROME for every file;
 * {@code feedloom-nofold}: the same with syndicated copies not folded, to measure what folding costs;
 * {@code merge} and {@code merge-nofold}: only the merge, with and without folding, of items parsed once before;
 * {@code parse}: only the parse, nothing merged; {@code anchors}: only the fold anchors of every item parsed once
 * before, its excerpt and content, as the merge reads them: the stages timed alone);
 * {@code stax DIR RUNS WARMUPS} is the ceiling, a bare JDK StAX pass reading every event and the text of every
 * element; {@code feedloom-store DIR RUNS WARMUPS} is {@code feedloom} with the store: each file's items committed
 * to a SQLite file in a temporary folder as a fetch of its own source (one transaction a file, retention keeping
 * everything; the write a fetch hands the writer made on the parsing thread, as a fetch worker makes it), merged
 * incrementally as they are committed ({@code MergedArticles}, as a running server merges
 * what changed), and the articles snapshot written at the end ({@code feedloom-store-merged}: the same, each batch
 * merged into the merge state the store keeps, in the transaction that stores it ({@link ArticleStore#commitBatch(
 * List, java.util.function.BiFunction)}), instead of one in memory, its published ids and first sights read from
 * the store as well: issue 13's
 * design of the merge read and written in the database per change, for comparison; no snapshot written, the
 * merged articles being in the database already). Each pass reads the files from disk (the page
 * cache) inside the timing, as the peers do. An optional
 * fifth argument is the number of threads parsing files at once (default 1; the merge runs after the parse, and
 * reads its texts' fold anchors on as many threads, {@link Parallelism}), and
 * an optional sixth the least seconds of warm-up (default 0): warm-up passes go on past {@code WARMUPS} until that
 * much time has passed, so that a small corpus's measured passes run in code the JIT has compiled as fully as a large
 * one's (the JIT's work is per method, not per megabyte: two passes over the 51 MB real-world corpus took 5 s and
 * left its passes still getting faster until about the sixth). Prints one JSON line per measured pass, and one for
 * the first pass of the JVM, cold ({@code "tool":"MODE-first"}: what a server that has just started pays);
 * {@code failed} counts the files the parser refused (Feedloom: a {@link FeedParseException}; StAX: not
 * well-formed, its items up to the error still counted); {@code written_mb} is what the process wrote during the
 * pass (the kernel's {@code wchar} count: for the store modes, the SQLite file's pages and write-ahead log, a measure
 * of the database's page work that the machine's load does not blur; -1 where the kernel does not say). With
 * {@code INGEST_KEEP_STORE=FILE} the store modes copy their SQLite file there after each pass, to be inspected (its
 * tables' sizes by {@code sqlite3 FILE "SELECT name, count(*) FROM dbstat GROUP BY name"}).
 */
public final class Ingest {
    private Ingest() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[1]))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int runs = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        long warmupNanos = (long) (args.length > 5 ? Double.parseDouble(args[5]) * 1e9 : 0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // the merge's texts read on as many threads as the parse: the pool's, idle by then, with the calling one
        Parallelism parallelism = new Parallelism(pool, threads);
        try {
            List<Item> parsedOnce = mode.startsWith("merge") || mode.equals("anchors")
                    ? parseAll(parser(CLOCK, true), files, pool, new long[2]) : null;
            long start = System.nanoTime();
            for (int i = 0, measured = 0; measured < runs; i++) {
                boolean warm = i >= warmups && System.nanoTime() - start >= warmupNanos;
                long written0 = writtenBytes();
                long t0 = System.nanoTime();
                long cpu0 = CALLING_THREAD.getCurrentThreadCpuTime();
                long[] r = switch (mode) {
                    case "stax" -> stax(files, pool);
                    case "feedloom-store" -> withStore(files, pool, false);
                    case "feedloom-store-merged" -> withStore(files, pool, true);
                    case "feedloom-nofold" -> feedloom(files, true, pool, NO_FOLDING, parallelism);
                    case "merge" -> merge(parsedOnce, FoldRule.DEFAULT, parallelism);
                    case "merge-nofold" -> merge(parsedOnce, NO_FOLDING, parallelism);
                    case "parse" -> parseOnly(files, pool);
                    case "anchors" -> anchors(parsedOnce);
                    default -> feedloom(files, !mode.equals("feedloom-rome"), pool, FoldRule.DEFAULT, parallelism);
                };
                double s = (System.nanoTime() - t0) / 1e9;
                long written = written0 < 0 ? -1 : writtenBytes() - written0;
                double cpu = (CALLING_THREAD.getCurrentThreadCpuTime() - cpu0) / 1e9;
                if (warm || i == 0) {
                    System.out.printf(Locale.ROOT, "{\"tool\":\"%s\",\"threads\":%d,\"seconds\":%.4f,"
                            + "\"calling_thread_cpu_seconds\":%.4f,\"files\":%d,"
                            + "\"bytes\":%d,\"items\":%d,\"unique\":%d,\"failed\":%d,\"pass\":%d,"
                            + "\"written_mb\":%.1f}%n",
                            warm ? mode : mode + "-first", threads, s, cpu, files.size(), r[0], r[1], r[2], r[3],
                            i + 1, written < 0 ? -1.0 : written / 1048576.0);
                }
                measured += warm ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code task} for every file on the pool, in order; each result is added to {@code out}. */
    static <T> void each(List<Path> files, ExecutorService pool, FileTask<T> task, List<T> out) throws Exception {
        List<Future<T>> running = new ArrayList<>(files.size());
        for (Path f : files) {
            running.add(pool.submit(() -> task.run(f)));
        }
        for (Future<T> r : running) {
            out.add(r.get());
        }
    }

    interface FileTask<T> {
        T run(Path file) throws Exception;
    }

    /** The default rule with folding off: what {@code feedloom-nofold} merges with, to measure what folding costs. */
    static final FoldRule NO_FOLDING = new FoldRule(false, FoldRule.DEFAULT.containment(), FoldRule.DEFAULT.window(),
            FoldRule.DEFAULT.minShingles());
    /** The parser's clock: every item's dates are judged against the same now in every pass. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    /** bytes, items, unique articles, files refused */
    static long[] feedloom(List<Path> files, boolean fastPath, ExecutorService pool, FoldRule fold,
                           Parallelism parallelism) throws Exception {
        long[] bytes = new long[2];
        List<Item> all = parseAll(parser(CLOCK, fastPath), files, pool, bytes);
        return new long[] {bytes[0], all.size(), merge(all, fold, parallelism)[2], bytes[1]};
    }

    /** bytes, items, 0, files refused: {@link #feedloom}'s parse alone. */
    static long[] parseOnly(List<Path> files, ExecutorService pool) throws Exception {
        long[] bytes = new long[2];
        List<Item> all = parseAll(parser(CLOCK, true), files, pool, bytes);
        return new long[] {bytes[0], all.size(), 0, bytes[1]};
    }

    /** 0, items, texts with anchors, 0: the fold anchors of every item's excerpt and content, on the calling thread. */
    static long[] anchors(List<Item> items) {
        long anchored = 0;
        for (Item item : items) {
            anchored += Fingerprint.anchors(item.excerpt(), item.content(), FoldRule.DEFAULT.minShingles()).length > 0
                    ? 1 : 0;
        }
        return new long[] {0, items.size(), anchored, 0};
    }

    /** Every file's items in file order, the bytes read and the files refused counted in {@code bytes}. */
    static List<Item> parseAll(FeedParser parser, List<Path> files, ExecutorService pool, long[] bytes)
            throws Exception {
        List<List<Item>> parsed = new ArrayList<>();
        each(files, pool, f -> parse(parser, f, bytes), parsed);
        List<Item> all = new ArrayList<>();
        parsed.forEach(all::addAll);
        return all;
    }

    /** 0, items, unique articles, 0: {@link #feedloom}'s merge alone (the merge-only modes time just this). */
    /**
     * The CPU time of the thread that runs each pass, printed beside its wall time: the store pass commits and merges
     * on it (the parse on the pool's), so its CPU tells two builds' merges apart on a machine whose load varies.
     */
    private static final java.lang.management.ThreadMXBean CALLING_THREAD =
            java.lang.management.ManagementFactory.getThreadMXBean();

    static long[] merge(List<Item> all, FoldRule fold, Parallelism parallelism) {
        List<Article> articles = ArticleMerger.merge(all, new PublishedIds(), key -> Instant.EPOCH, fold,
                parallelism);
        return new long[] {0, all.size(), articles.size(), 0};
    }

    /**
     * How many files the store pass commits in one transaction and then merges: what a running server's one writer
     * does when its queue is full (its batch limit, {@code StoreWriter.MAX_BATCH}, is 64 sources), as it is whenever
     * parsing runs ahead of the store, as here. {@code INGEST_STORE_BATCH=1} commits and merges file by file (the
     * benchmark's method until 2026-12-04).
     */
    static final int STORE_BATCH = Integer.parseInt(System.getenv().getOrDefault("INGEST_STORE_BATCH", "64"));

    /**
     * bytes, items, unique articles, files refused: {@link #feedloom}'s parse, then the files committed to a store
     * {@link #STORE_BATCH} at a time and each batch merged incrementally in file order on the calling thread, as the
     * one writer and the rebuilds do.
     */
    static long[] withStore(List<Path> files, ExecutorService pool, boolean mergedInStore) throws Exception {
        FeedParser parser = parser(CLOCK, true);
        Path dir = Files.createTempDirectory("feedloom-ingest-store");
        long[] bytes = new long[2];
        ArticleStore.Retention keepAll = new ArticleStore.Retention(36_500, 1_000_000);
        List<Future<Parsed>> parsed = new ArrayList<>(files.size());
        for (Path f : files) {
            parsed.add(pool.submit(() -> {
                List<Item> fileItems = parse(parser, f, bytes);
                String source = f.getFileName().toString();
                // made where the server's fetch worker makes it: its keys and text hashes computed off the writer
                return new Parsed(fileItems, SourceWrite.fetched(SourceState.pending(source,
                        "https://feeds.example.net/" + source), fileItems, keepAll, CLOCK.instant()));
            }));
        }
        long items = 0;
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"), CLOCK)) {
            MergedArticles merged = new MergedArticles();
            PublishedIds ids = new PublishedIds();
            for (int from = 0; from < files.size(); from += STORE_BATCH) {
                List<SourceWrite> writes = new ArrayList<>();
                List<Item> batchItems = new ArrayList<>();
                for (int i = from; i < Math.min(files.size(), from + STORE_BATCH); i++) {
                    Parsed file = parsed.get(i).get();
                    items += file.items().size();
                    batchItems.addAll(file.items());
                    writes.add(file.write());
                }
                if (mergedInStore) { // issue 13's design: the batch merged in the store, in the transaction storing it
                    // its published ids and first sights read from the store too (none recorded: nothing publishes)
                    store.commitBatch(writes, (changes, in) -> new MergedArticles(in.state(), FoldRule.DEFAULT)
                            .apply(changes.stream().flatMap(c -> c.gone().stream()).toList(),
                                    changes.stream().flatMap(c -> c.added().stream()).toList(), in.ids(),
                                    in.firstSeenOr(Instant.EPOCH)));
                    continue;
                }
                store.commitBatch(writes);
                merged.apply(List.of(), batchItems, ids, key -> Instant.EPOCH);
            }
            if (mergedInStore) {
                return new long[] {bytes[0], items, store.merging(in -> in.state().size()), bytes[1]};
            }
            store.syncArticles(merged.articles());
            return new long[] {bytes[0], items, merged.size(), bytes[1]};
        } finally {
            String keep = System.getenv("INGEST_KEEP_STORE");
            if (keep != null) { // the store was closed above, its log written into the file
                Files.copy(dir.resolve("feedloom.db"), Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> left = Files.walk(dir)) {
                left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The bytes this process has written so far by the kernel's count ({@code wchar}), or -1 where it has none. */
    static long writtenBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the figure is left out
        }
        return -1;
    }

    /** One file's items and the store write a fetch worker hands the writer for them. */
    private record Parsed(List<Item> items, SourceWrite write) {}

    /** One file's items, its bytes and any refusal counted in {@code bytes}. */
    private static List<Item> parse(FeedParser parser, Path f, long[] bytes) throws IOException {
        byte[] body = Files.readAllBytes(f);
        synchronized (bytes) {
            bytes[0] += body.length;
        }
        String name = f.getFileName().toString();
        try {
            return parser.parse(body, null, "https://feeds.example.net/" + name, "source:" + name).items();
        } catch (FeedParseException e) {
            System.err.println(name + ": " + e.getMessage());
            synchronized (bytes) {
                bytes[1]++;
            }
            return List.of();
        }
    }

    /** The product's parser; with {@code fastPath} false, its ROME-only form (for comparison). */
    static FeedParser parser(Clock clock, boolean fastPath) {
        return fastPath ? new FeedParser(clock) : FeedParser.romeOnly(clock);
    }

    /** bytes, items, 0, files not well-formed: every event read, every text materialised, items and entries counted. */
    static long[] stax(List<Path> files, ExecutorService pool) throws Exception {
        List<long[]> per = new ArrayList<>();
        each(files, pool, Ingest::stax, per);
        long[] sum = new long[4];
        for (long[] p : per) {
            sum[0] += p[0];
            sum[1] += p[1];
            sum[3] += p[2];
        }
        return sum;
    }

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    });

    /**
     * bytes, items, 1 if the file is not well-formed (items counted up to the error) else 0. Whitespace before the
     * XML declaration (which some real feeds carry, and which every feed reader, Feedloom included, tolerates) is
     * skipped; nothing else is repaired.
     */
    static long[] stax(Path f) throws IOException {
        long bytes = 0;
        long items = 0;
        long chars = 0;
        long failed = 0;
        byte[] body = Files.readAllBytes(f);
        bytes += body.length;
        try {
            int start = 0;
            while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\r'
                    || body[start] == '\n')) {
                start++;
            }
            XMLStreamReader r = FACTORY.get().createXMLStreamReader(
                    new ByteArrayInputStream(body, start, body.length - start));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("item") || name.equals("entry")) {
                        items++;
                    }
                    for (int a = 0; a < r.getAttributeCount(); a++) {
                        chars += r.getAttributeValue(a).length();
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    chars += r.getText().length();
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            failed = 1;
        }
        return new long[] {bytes, items + (chars == -1 ? 1 : 0), failed};
    }
}
