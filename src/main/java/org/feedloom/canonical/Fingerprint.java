package org.feedloom.canonical;

import java.util.Arrays;
import java.util.Locale;
import org.feedloom.model.Checks;

/**
 * An article's text as folding compares it: the distinct shingles ({@value #SHINGLE} consecutive words, hashed to 64
 * bits) of its excerpt and content, the outlets' boilerplate taken out ({@link Boilerplate}). Two fingerprints say
 * how much of the shorter text the other holds ({@link #containment}): high when a copy is cut short, adds a
 * paragraph or comes from a teaser feed, low when two texts share only a template or a recap paragraph. The smallest of
 * its first shingles are the anchors an index finds candidates by ({@link #anchors}). Immutable.
 */
public final class Fingerprint {
    /** Words per shingle. */
    static final int SHINGLE = 5;
    /** How many anchors a text has at most. */
    static final int ANCHORS = 8;
    /** How many of a text's first shingles its anchors are taken from. */
    static final int ANCHOR_RUNS = 150;
    /**
     * How this class reads a text's anchors, besides the least number of shingles asked for: anchors kept by a store
     * under another are read again. To be changed with anything that changes what {@link #anchors} gives (the words,
     * the hashes, the boilerplate taken out, the constants above).
     */
    static final String ANCHORING = "words " + SHINGLE + ", anchors " + ANCHORS + " of " + ANCHOR_RUNS + ", v1";

    /** Sorted, distinct. */
    private final long[] shingles;

    private Fingerprint(long[] shingles) {
        this.shingles = shingles;
    }

    /** The fingerprint of an article's excerpt and content (either may be null or HTML). */
    public static Fingerprint of(String excerpt, String content) {
        Shingler shingler = new Shingler(false, Integer.MAX_VALUE);
        shingler.scan(excerpt, content, null);
        return new Fingerprint(distinct(shingler.all, shingler.n));
    }

    /**
     * The anchors of an excerpt and content: the {@value #ANCHORS} smallest of the first {@value #ANCHOR_RUNS}
     * shingles (all of them when there are fewer), sorted; only that much of the text is read, so what an index needs
     * costs the same for a long article as for a short one. A copy keeps the beginning of its piece (a teaser is the
     * beginning; a cut copy ends early; an added intro shifts it by a few runs), so two texts one of which holds
     * most of the other share an anchor almost always: every copy of the evaluation set does, while two unrelated
     * texts share one only if they share a run of words that is among the smallest of both.
     *
     * @return the anchors, or none when the whole text has fewer than {@code minShingles} shingles
     */
    public static long[] anchors(String excerpt, String content, int minShingles) {
        Shingler shingler = new Shingler(false, ANCHOR_RUNS);
        shingler.scan(excerpt, content, null);
        return smallest(shingler.all, shingler.n, Math.min(minShingles, ANCHOR_RUNS));
    }

    /**
     * The {@value #ANCHORS} smallest distinct values of the first {@code n} of {@code runs} (at most
     * {@value #ANCHOR_RUNS}), sorted; none when they hold fewer than {@code least} distinct values. What sorting them
     * ({@link #distinct}) and taking the first gives, without the sort: a new value is kept if it is below the largest
     * kept and not kept already (a repeat that is not kept is above the largest kept: the largest only falls), and the
     * distinct values are counted in a small table only until there are {@code least} of them.
     */
    static long[] smallest(long[] runs, int n, int least) {
        Checks.argument(n <= ANCHOR_RUNS, "at most " + ANCHOR_RUNS + " runs");
        // open addressing, linear probing, at most half full; 0 is kept apart as a free slot
        long[] seen = new long[Integer.highestOneBit(Math.max(least, 1)) * 4];
        int mask = seen.length - 1;
        boolean zero = false;
        int distinct = 0;
        long[] kept = new long[ANCHORS];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long run = runs[i];
            if (distinct < least) {
                if (run == 0) {
                    distinct += zero ? 0 : 1;
                    zero = true;
                } else {
                    int slot = (int) (run ^ run >>> 32) & mask;
                    while (seen[slot] != 0 && seen[slot] != run) {
                        slot = slot + 1 & mask;
                    }
                    distinct += seen[slot] == 0 ? 1 : 0;
                    seen[slot] = run;
                }
            }
            if (k < ANCHORS || run < kept[k - 1]) {
                int j = k;
                while (j > 0 && kept[j - 1] > run) {
                    j--;
                }
                if (j == 0 || kept[j - 1] != run) {
                    System.arraycopy(kept, j, kept, j + 1, (k < ANCHORS ? k++ : k - 1) - j);
                    kept[j] = run;
                }
            }
        }
        return distinct < least ? new long[0] : Arrays.copyOf(kept, k);
    }

    /**
     * The first run of {@value #SHINGLE} words of this excerpt and content that {@code other} has too, lower-cased,
     * or null.
     */
    static String firstShared(String excerpt, String content, Fingerprint other) {
        Shingler shingler = new Shingler(true, Integer.MAX_VALUE);
        return shingler.scan(excerpt, content, other.shingles);
    }

    /**
     * Reads texts word by word without making a string of each: a word is a run of letters and digits, hashed as
     * the string of its lower-cased characters would be; each run of {@value #SHINGLE} words is one shingle.
     */
    private static final class Shingler {
        long[] all;
        int n;
        private final long[] window = new long[SHINGLE];
        /** The words themselves, kept only to say which words are shared. */
        private final String[] words;
        /** How many shingles to read at most (counted with repeats). */
        private final int limit;
        private int count;
        private String found;

        Shingler(boolean keepWords, int limit) {
            all = new long[Math.min(limit, 256)];
            words = keepWords ? new String[SHINGLE] : null;
            this.limit = limit;
        }

        /**
         * Collects the shingles, at most {@code limit}; with {@code stopAt}, stops at the first one in it and returns
         * its words.
         */
        String scan(String excerpt, String content, long[] stopAt) {
            for (String text : new String[] {excerpt, content}) {
                count = 0; // shingles do not run across the excerpt and the content
                Boilerplate.eachBlock(text, block -> {
                    found = block(block, stopAt);
                    return found == null && n < limit;
                });
                if (found != null || n >= limit) {
                    return found;
                }
            }
            return null;
        }

        private String block(String block, long[] stopAt) {
            char[] chars = block.toCharArray(); // read from an array: charAt checks its index at every character
            int length = chars.length;
            int start = -1;
            int hash = 0;
            for (int i = 0; i <= length; i++) {
                char c = i < length ? chars[i] : ' ';
                if (Chars.isLetterOrDigit(c)) {
                    if (start < 0) {
                        start = i;
                        hash = 0;
                    }
                    hash = 31 * hash + Chars.lower(c);
                } else if (start >= 0) {
                    if (words != null) {
                        words[count % SHINGLE] = new String(chars, start, i - start).toLowerCase(Locale.ROOT);
                    }
                    window[count++ % SHINGLE] = hash;
                    start = -1;
                    if (count >= SHINGLE) {
                        long shingle = shingle(window, count);
                        if (stopAt == null) {
                            add(shingle);
                            if (n >= limit) {
                                return null;
                            }
                        } else if (Arrays.binarySearch(stopAt, shingle) >= 0) {
                            StringBuilder phrase = new StringBuilder();
                            for (int k = 0; k < SHINGLE; k++) {
                                phrase.append(k == 0 ? "" : " ").append(words[(count + k) % SHINGLE]);
                            }
                            return phrase.toString();
                        }
                    }
                }
            }
            return null;
        }

        private void add(long shingle) {
            if (n == all.length) {
                all = Arrays.copyOf(all, n * 2);
            }
            all[n++] = shingle;
        }
    }

    /** The first {@code n} of {@code all}, sorted, each once, in a new array. */
    static long[] distinct(long[] all, int n) {
        long[] sorted = Arrays.copyOf(all, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
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
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The distinct shingles, sorted (a copy). */
    long[] values() {
        return shingles.clone();
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
