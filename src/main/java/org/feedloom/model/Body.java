package org.feedloom.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An item's excerpt or content (sanitised HTML), held in memory until the store keeps it and then read back from
 * there when asked for: the articles' texts are most of an archive's size, and only the merge of a new item, the
 * rules assessing an article and the render of a page need them. The store tells a body where it keeps it
 * ({@link #storedAt}); the one that merged it lets it go ({@link #release}) once merged, and what the store reads back
 * is let go from the start ({@link #stored}); {@link #text()} then reads it again from the store, and {@link #hold}
 * many of them in one read.
 *
 * <p>Equal by content: the same length and the same 64-bit hash of the characters, both kept when the text is let
 * go, so comparing items and articles never reads the store. Its text never changes (a body is immutable to its
 * users), with one exception the store owns: when an item's row is written again with another text, or deleted,
 * between a merge and the next one, a released body of the older version reads the row as it is then (the item's
 * newer words) or nothing, until the next merge replaces the older version. Thread-safe.
 */
public final class Body {
    /** Which of an item's texts a body is. */
    public enum Part { EXCERPT, CONTENT }

    /** Where a released body is kept: the {@code part} of the item row of one source under one key. */
    public record Ref(String sourceId, String itemKey, Part part) {}

    /** Where released bodies are read again. */
    public interface Source {
        /**
         * The {@code part} of the item of {@code sourceId} under {@code itemKey} as stored now, or null if there is
         * none.
         */
        String text(String sourceId, String itemKey, Part part);

        /** The texts of {@code refs} as stored now, by ref (none for a ref with none): one read where it can. */
        default Map<Ref, String> texts(Collection<Ref> refs) {
            Map<Ref, String> out = new HashMap<>();
            for (Ref r : refs) {
                String t = text(r.sourceId(), r.itemKey(), r.part());
                if (t != null) {
                    out.put(r, t);
                }
            }
            return out;
        }
    }

    private final int length;
    private volatile String text;
    private volatile long hash;
    private volatile boolean hashed;
    /*
     * Where the store keeps the text, in fields of their own rather than an object (a body of the archive costs 48
     * bytes, not 88): written by storedAt, source last, whose volatile write publishes the others.
     */
    private String sourceId;
    private String itemKey;
    private Part part;
    private volatile Source source;

    private Body(String text) {
        this.text = text;
        this.length = text.length();
    }

    private Body(int length) {
        this.length = length;
    }

    /** The body of {@code text}; null for null. */
    public static Body of(String text) {
        return text == null ? null : new Body(text);
    }

    /**
     * A body let go from the start: the {@code part} of the item of {@code sourceId} under {@code itemKey}, whose text
     * has {@code length} chars and the hash {@link #hashOf} gives, as the store's row records them; {@link #text()}
     * reads it from {@code source}. How a store reads its archive without reading its texts.
     */
    public static Body stored(Source source, String sourceId, String itemKey, Part part, int length, long hash) {
        Body b = new Body(length);
        b.hash = hash;
        b.hashed = true;
        b.sourceId = Objects.requireNonNull(sourceId);
        b.itemKey = Objects.requireNonNull(itemKey);
        b.part = Objects.requireNonNull(part);
        b.source = Objects.requireNonNull(source);
        return b;
    }

    /**
     * {@code body} with its text stripped of surrounding white space, or null if that leaves nothing; a body let go is
     * returned as it is (it was stripped when it was made).
     */
    static Body stripped(Body body) {
        if (body == null || !body.held()) {
            return body;
        }
        String t = body.text();
        String s = Checks.blankToNull(t);
        return s == null ? null : s.equals(t) ? body : new Body(s);
    }

    /** The text of a body, or null for none. */
    public static String textOf(Body body) {
        return body == null ? null : body.text();
    }

    /** The text: held, or read from the store once released (null if the store no longer has the item). */
    public String text() {
        String t = text;
        if (t != null) {
            return t;
        }
        return source.text(sourceId, itemKey, part);
    }

    /**
     * The texts of those of {@code bodies} that were let go, read at once (one read of each store for all of them),
     * by body (identity); held ones, and those whose row is gone, are not in it.
     */
    public static Map<Body, String> readAll(Collection<Body> bodies) {
        Map<Source, Map<Ref, List<Body>>> wanted = new HashMap<>();
        for (Body b : bodies) {
            Source s = b == null || b.text != null ? null : b.source;
            if (s != null) {
                wanted.computeIfAbsent(s, x -> new HashMap<>())
                        .computeIfAbsent(new Ref(b.sourceId, b.itemKey, b.part), r -> new ArrayList<>()).add(b);
            }
        }
        Map<Body, String> out = new IdentityHashMap<>();
        wanted.forEach((source, byRef) -> source.texts(byRef.keySet())
                .forEach((ref, t) -> byRef.get(ref).forEach(b -> out.put(b, t))));
        return out;
    }

    /**
     * Holds the texts of those of {@code bodies} that were let go, read back at once ({@link #readAll}), until the
     * returned hold is closed, which lets exactly those go again: for work that reads many texts in a row (a merge's
     * anchors, a rebuild's topic and coverage rules, a sync's rows), which would otherwise read the store once for
     * each text (about 17 microseconds a text on SQLite, against 5 for one read of several hundred). Bodies held
     * already, never stored or whose row is gone are left as they are. Called by one thread at a time for a body.
     */
    public static Held hold(Collection<Body> bodies) {
        Map<Body, String> read = readAll(bodies);
        read.forEach((body, t) -> body.text = t);
        return new Held(List.copyOf(read.keySet()));
    }

    /** Work on one run of {@link #inRuns}: the index of its first item in the whole list, and the run. */
    @FunctionalInterface
    public interface Run<T, E extends Exception> {
        void accept(int from, List<T> run) throws E;
    }

    /**
     * Hands {@code items} to {@code each} in runs of at most {@code size}, in order, the let-go texts of each run's
     * bodies ({@code bodiesOf}) held while it runs ({@link #hold}): for work that reads every text of a list too long
     * to hold at once.
     */
    public static <T, E extends Exception> void inRuns(List<T> items, int size,
                                                       Function<List<T>, List<Body>> bodiesOf, Run<T, E> each)
            throws E {
        for (int from = 0; from < items.size(); from += size) {
            List<T> run = items.subList(from, Math.min(items.size(), from + size));
            try (Held held = hold(bodiesOf.apply(run))) {
                each.accept(from, run);
            }
        }
    }

    /** The bodies {@link #hold} read back, let go again when it is closed. */
    public static final class Held implements AutoCloseable {
        private final List<Body> bodies;

        private Held(List<Body> bodies) {
            this.bodies = bodies;
        }

        /** How many bodies it read back. */
        public int size() {
            return bodies.size();
        }

        @Override
        public void close() {
            bodies.forEach(Body::release);
        }
    }

    /** Its length in chars, without reading it. */
    public int length() {
        return length;
    }

    /** Whether the text is held in memory (not released, or never stored). */
    public boolean held() {
        return text != null;
    }

    /**
     * Notes that the store keeps this text as the {@code part} of the item of {@code sourceId} under {@code itemKey}
     * (the store calls this as it writes or reads that row; the first place given is kept); a later
     * {@link #release} lets it go.
     */
    public void storedAt(Source source, String sourceId, String itemKey, Part part) {
        String t = text;
        if (t != null && this.source == null) { // located once: a reader never sees half of a second place
            textHash(); // before it can be let go
            this.sourceId = Objects.requireNonNull(sourceId);
            this.itemKey = Objects.requireNonNull(itemKey);
            this.part = Objects.requireNonNull(part);
            this.source = Objects.requireNonNull(source);
        }
    }

    /**
     * Where the store keeps the text ({@link #storedAt}), or null if no store has said: how a store names a text it
     * keeps elsewhere rather than writing it again (with {@link #length} and {@link #textHash}, what
     * {@link #stored} makes the body again from).
     */
    public Ref ref() {
        Source s = source; // the volatile read that publishes the place's fields
        return s == null ? null : new Ref(sourceId, itemKey, part);
    }

    /** Lets the text go if the store keeps it ({@link #storedAt}); {@link #text()} reads it from there from now on. */
    public void release() {
        if (source != null) {
            text = null;
        }
    }

    /**
     * The 64-bit hash of a text by which bodies are equal (with its length): FNV-1a over its chars. A store keeps it
     * beside each text, so that a body is made from its row without reading the text ({@link #stored}).
     */
    public static long hashOf(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** The text's {@link #hashOf hash}: computed once, kept when the text goes, never read from the store. */
    public long textHash() {
        if (!hashed) {
            hash = hashOf(text);
            hashed = true;
        }
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Body b) || b.length != length) {
            return false;
        }
        String mine = text;
        if (mine != null && mine == b.text) {
            return true;
        }
        return b.textHash() == textHash();
    }

    @Override
    public int hashCode() {
        long h = textHash();
        return (int) (h ^ (h >>> 32));
    }

    /** The text, or a note of its length and where it is kept once released (never reads the store). */
    @Override
    public String toString() {
        String t = text;
        return t != null ? t : "<" + length + " chars, in the store>";
    }
}
