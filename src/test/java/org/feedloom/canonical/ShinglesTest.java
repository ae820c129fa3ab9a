package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A text's shingles, anchors and first shared run, each held to what the definition says, read the plainest way: the
 * blocks {@link Boilerplate#blocks} keeps, split into words (runs of letters and digits), each word hashed from its
 * lower-cased characters, a shingle for every {@value Fingerprint#SHINGLE} consecutive words of the excerpt, and of
 * the content (runs cross blocks, not the excerpt's end). {@link Fingerprint} reads them in one pass without making
 * a string of a word, keeping the last words of a block for the next; random texts of short and long blocks,
 * boilerplate and odd characters check that it reads the same, so a faster reading can be tried against it.
 */
class ShinglesTest {
    private static final String[] WORDS = {"the", "council", "Voted", "BRIDGE", "harbour", "2026", "x1", "café",
        "İstanbul", "straße", "\u212Aelvin", "naïve", "über", "déjà", "a", "of", "to", "cars", "spring", "steel",
        "n°5", "e-mail", "it’s", "covid‑19", "ÉCOLE", "日本", "ﬁne"};
    private static final String[] SEPARATORS = {" ", "  ", ", ", ". ", "\n", " — ", " &amp; ", "\u00A0", "; ",
        "<em>", "</em>", " <a href=\"https://example.com/x\">", "</a> ", "<br>", "'"};
    private static final String[] BOILERPLATE = {"Originally published at The Conversation.", "By Jane Doe",
        "Sign up for our newsletter", "Read more", "Related: other news",
        "This press release contains forward-looking statements within the meaning of the safe harbor."};
    private static final String[] BLOCK_TAGS = {"p", "li", "h2", "blockquote", "figcaption", "div", "td"};

    @Test
    void shinglesAnchorsAndSharedRuns_areWhatTheDefinitionGives() {
        Random r = new Random(15);
        for (int round = 0; round < 1_500; round++) {
            String excerpt = r.nextInt(4) == 0 ? null : r.nextBoolean() ? sentence(r, 1 + r.nextInt(60)) : html(r);
            String content = r.nextInt(5) == 0 ? null : html(r);
            String what = "round " + round + ": " + excerpt + " / " + content;

            List<Long> all = reference(excerpt, content, Integer.MAX_VALUE);
            long[] distinct = all.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            assertEquals(Arrays.toString(distinct), Arrays.toString(Fingerprint.of(excerpt, content).values()), what);

            int least = 1 + r.nextInt(12);
            List<Long> first = reference(excerpt, content, Fingerprint.ANCHOR_RUNS);
            long[] runs = first.stream().mapToLong(Long::longValue).toArray();
            long[] sorted = Arrays.stream(runs).sorted().distinct().toArray();
            long[] anchors = sorted.length < least ? new long[0]
                    : Arrays.copyOf(sorted, Math.min(Fingerprint.ANCHORS, sorted.length));
            assertEquals(Arrays.toString(anchors), Arrays.toString(Fingerprint.anchors(excerpt, content, least)),
                    what);

            String otherContent = r.nextBoolean() ? content : html(r);
            Fingerprint other = Fingerprint.of(null, otherContent);
            assertEquals(firstShared(excerpt, content, other), Fingerprint.firstShared(excerpt, content, other), what);
        }
    }

    /** The first {@code limit} shingles of the excerpt, then the content, in reading order, repeats kept. */
    private static List<Long> reference(String excerpt, String content, int limit) {
        List<Long> out = new ArrayList<>();
        for (String text : new String[] {excerpt, content}) {
            List<String> words = words(text);
            for (int end = Fingerprint.SHINGLE; end <= words.size() && out.size() < limit; end++) {
                out.add(shingle(words.subList(end - Fingerprint.SHINGLE, end)));
            }
        }
        return out;
    }

    /** The words of the first shingle of the excerpt, then the content, that {@code other} has, or null. */
    private static String firstShared(String excerpt, String content, Fingerprint other) {
        long[] values = other.values();
        for (String text : new String[] {excerpt, content}) {
            List<String> words = words(text);
            for (int end = Fingerprint.SHINGLE; end <= words.size(); end++) {
                List<String> run = words.subList(end - Fingerprint.SHINGLE, end);
                if (Arrays.binarySearch(values, shingle(run)) >= 0) {
                    return String.join(" ", run.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
                }
            }
        }
        return null;
    }

    /** The words of the blocks of {@code text} that are not boilerplate, in order. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String block : Boilerplate.blocks(text)) {
            StringBuilder word = new StringBuilder();
            for (char c : (block + " ").toCharArray()) {
                if (Character.isLetterOrDigit(c)) {
                    word.append(c);
                } else if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            }
        }
        return out;
    }

    private static long shingle(List<String> words) {
        long h = 0x9E3779B97F4A7C15L;
        for (String word : words) {
            int hash = 0;
            for (char c : word.toCharArray()) {
                hash = 31 * hash + Character.toLowerCase(c);
            }
            h = Fingerprint.mix(h ^ hash);
        }
        return h;
    }

    private static String html(Random r) {
        StringBuilder out = new StringBuilder();
        int blocks = r.nextInt(12);
        for (int b = 0; b < blocks; b++) {
            String tag = BLOCK_TAGS[r.nextInt(BLOCK_TAGS.length)];
            String body = r.nextInt(8) == 0 ? BOILERPLATE[r.nextInt(BOILERPLATE.length)]
                    : sentence(r, r.nextInt(4) == 0 ? r.nextInt(4) : 1 + r.nextInt(r.nextInt(10) == 0 ? 400 : 60));
            out.append(r.nextInt(6) == 0 ? body + "<br>" : "<" + tag + ">" + body + "</" + tag + ">");
        }
        return out.toString();
    }

    /** {@code n} of the test words, with random separators (spaces, punctuation, entities, inline tags). */
    private static String sentence(Random r, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : SEPARATORS[r.nextInt(SEPARATORS.length)]).append(WORDS[r.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
