package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An article's text as folding compares it: the distinct shingles ({@value #SHINGLE} consecutive words, hashed to 64
 * bits) of its excerpt and content, the outlets' boilerplate taken out ({@link Boilerplate}). Two fingerprints say
 * how much of the shorter text the other holds ({@link #containment}): high when a copy is cut short, adds a
 * paragraph or comes from a teaser feed, low when two texts share only a template or a recap paragraph. The smallest
 * shingles are the anchors an index finds candidates by ({@link #anchors}). Immutable.
 */
public final class Fingerprint {
    /** Words per shingle. */
    static final int SHINGLE = 5;
    /** How many anchors a text has at most. */
    static final int ANCHORS = 16;

    /** Sorted, distinct. */
    private final long[] shingles;

    private Fingerprint(long[] shingles) {
        this.shingles = shingles;
    }

    /** The fingerprint of an article's excerpt and content (either may be null or HTML). */
    public static Fingerprint of(String excerpt, String content) {
        long[] all = new long[64];
        int n = 0;
        long[] window = new long[SHINGLE];
        for (String text : new String[] {excerpt, content}) {
            int words = 0; // shingles do not run across the excerpt and the content
            for (String block : Boilerplate.blocks(text)) {
                for (String word : words(block)) {
                    window[words++ % SHINGLE] = word.hashCode();
                    if (words >= SHINGLE) {
                        if (n == all.length) {
                            all = Arrays.copyOf(all, n * 2);
                        }
                        all[n++] = shingle(window, words);
                    }
                }
            }
        }
        long[] sorted = Arrays.copyOf(all, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new Fingerprint(Arrays.copyOf(sorted, distinct));
    }

    /** The text's words: runs of letters and digits, lower-cased. */
    private static List<String> words(String block) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= block.length(); i++) {
            boolean word = i < block.length() && Character.isLetterOrDigit(block.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(block.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }

    /** One hash of the last {@value #SHINGLE} words, in order ({@code count} words seen so far). */
    private static long shingle(long[] window, int count) {
        long h = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < SHINGLE; k++) {
            h = mix(h ^ window[(count + k) % SHINGLE]);
        }
        return h;
    }

    /** A 64-bit finaliser (the one of SplitMix64): every bit of the input moves every bit of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** How many distinct shingles the text has (0: no text to compare). */
    public int shingles() {
        return shingles.length;
    }

    /** How many shingles the two texts share. */
    public int common(Fingerprint other) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < shingles.length && j < other.shingles.length) {
            int c = Long.compare(shingles[i], other.shingles[j]);
            if (c == 0) {
                common++;
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** The share of the smaller text's shingles that the other has too (0 when either has none). */
    public double containment(Fingerprint other) {
        int smaller = Math.min(shingles.length, other.shingles.length);
        return smaller == 0 ? 0 : common(other) / (double) smaller;
    }

    /** The Jaccard similarity of the two shingle sets (0 when either has none). */
    public double jaccard(Fingerprint other) {
        int common = common(other);
        int union = shingles.length + other.shingles.length - common;
        return union == 0 || common == 0 ? 0 : common / (double) union;
    }

    /**
     * The text's anchors: its {@value #ANCHORS} smallest shingle hashes (all of them when it has fewer), sorted. Two
     * texts one of which holds most of the other share an anchor almost always: a teaser of a fifth of a text
     * misses all of the text's anchors with probability 0.8^16, under 3%, while two unrelated texts share one only
     * if they share a shingle that is among the smallest of both. What an index finds candidates by.
     */
    public long[] anchors() {
        return Arrays.copyOf(shingles, Math.min(ANCHORS, shingles.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && Arrays.equals(shingles, f.shingles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shingles);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + shingles.length + " shingles]";
    }
}
