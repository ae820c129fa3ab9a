package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * Issue 13's property: merging only the part of the archive a change affects gives what a merge of everything from
 * scratch gives. Random sequences of seed and live changes over a small world of stories, each reachable under AMP,
 * tracking-parameter, {@code www.} and {@code http://} variants, with items that bridge two stories, related mentions
 * between them, texts that make stories on different hosts copies of one piece (folded) and removals, go to an incremental {@link Archive} and to {@link ArticleMerger#merge}; after every
 * step the articles (ids, links, titles, topics, related links, everything) must be equal, with the same published id
 * table on both sides, recorded after most steps as a rebuild records it, with some articles left unrecorded as
 * hidden ones are (their ids are new ones, made from their link, at every merge). Run on every {@link MergeState}.
 */
public final class RandomChanges {

    /** The incremental side: {@link MergedArticles} over some state. */
    public interface Archive {
        MergedArticles.Change apply(Collection<Item> removed, Collection<Item> added, PublishedIds published,
                                    Function<String, Instant> firstSeen);

        List<Article> articles();

        /** Every article's key, sorted, read without the articles. */
        List<String> keys();
    }

    /**
     * {@code merged} as the incremental side: each change applied to it, then handed to {@code after} (a test's checks
     * and bookkeeping on what it gave); its articles and keys read from it.
     */
    static Archive of(MergedArticles merged, java.util.function.Consumer<MergedArticles.Change> after) {
        return new Archive() {
            @Override
            public MergedArticles.Change apply(Collection<Item> removed, Collection<Item> added, PublishedIds published,
                                               Function<String, Instant> firstSeen) {
                MergedArticles.Change change = merged.apply(removed, added, published, firstSeen);
                after.accept(change);
                return change;
            }

            @Override
            public List<Article> articles() {
                return merged.articles();
            }

            @Override
            public List<String> keys() {
                return merged.keys();
            }
        };
    }

    private RandomChanges() {}
    static final int STORIES = 12;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** One URL of story {@code s}, in variant {@code v}. */
    static String url(int s, int v) {
        String path = "/2026/story-" + s;
        return switch (v % 6) {
            case 0 -> "https://news.example.org" + path;
            case 1 -> "https://www.news.example.org" + path + "?utm_source=feed";
            case 2 -> "http://news.example.org" + path + "/";
            case 3 -> "https://news.example.org" + path + "/amp/";
            case 4 -> "https://mirror.example.com/s/" + s; // another outlet's URL of the same story
            default -> "https://news.example.org" + path + "?utm_medium=rss&utm_campaign=x";
        };
    }

    private static List<String> urls(Random r, int story) {
        List<String> urls = new ArrayList<>();
        urls.add(url(story, r.nextInt(6)));
        if (r.nextInt(4) == 0) {
            urls.add(url(story, r.nextInt(6)));
        }
        if (r.nextInt(12) == 0) {
            urls.add(url(r.nextInt(STORIES), r.nextInt(6))); // a bridge: this item is two stories at once
        }
        return List.copyOf(new java.util.LinkedHashSet<>(urls));
    }

    /** Texts that live items carry, whole or cut, so that stories on different hosts fold as copies of one piece. */
    public static final List<String> PIECES = List.of(
            "<p>The harbour bridge will close to cars next spring after engineers found that two of its steel "
                    + "supports had corroded far faster than anyone expected when it was last inspected.</p>"
                    + "<p>Cyclists and pedestrians may still cross while a replacement is designed by the city, and "
                    + "buses will be sent over the northern ring road for at least three years.</p>",
            "<p>A small observatory in the hills recorded the brightest meteor shower in a decade last night, "
                    + "and its volunteers stayed out until dawn to count the trails one by one.</p>"
                    + "<p>They counted more than two hundred trails an hour before clouds rolled in from the west, "
                    + "and they will send their tally to an international meteor network.</p>",
            "<p>The village bakery that fed the valley for ninety years is handing its ovens to a cooperative "
                    + "of twelve families who have been buying its bread since they were children.</p>"
                    + "<p>Its last owner said the new members had promised to keep the rye recipe exactly as it is, "
                    + "down to the starter that her grandfather brought over the mountains.</p>",
            "<p>Researchers released an open dataset of river temperatures gathered by schools across the region "
                    + "over the past eleven years, with more than forty thousand readings in all.</p>"
                    + "<p>They hope that students will keep adding readings so that the record can grow for decades "
                    + "and show how the rivers warm as summers grow longer and drier.</p>");

    private static String piece(Random r) {
        String piece = PIECES.get(r.nextInt(PIECES.size()));
        String text = r.nextBoolean() ? piece : piece.substring(0, piece.indexOf("</p>") + 4); // cut after one
        return r.nextInt(3) == 0 ? "<p>This story first appeared on another site.</p>" + text : text;
    }

    private static Item live(Random r, String source) {
        int story = r.nextInt(STORIES);
        List<String> urls = urls(r, story);
        Instant published = r.nextInt(5) == 0 ? null : T0.plusSeconds(3600L * r.nextInt(200));
        return new Item(Origin.FEED, "source:" + source, urls, "Live " + story + " " + r.nextInt(3),
                r.nextBoolean() ? Body.of("excerpt " + r.nextInt(4)) : null, r.nextInt(3) == 0 ? Body.of(piece(r)) : null, published,
                null, null,
                r.nextInt(3) == 0 ? List.of("t" + r.nextInt(3)) : List.of(), List.of(), List.of(), List.of(), null,
                null, SeedFacts.NONE, urls.get(0), null);
    }

    private static Item seed(Random r, String file) {
        int story = r.nextInt(STORIES);
        List<String> urls = urls(r, story);
        List<Item> related = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            List<String> rUrls = urls(r, r.nextInt(STORIES));
            related.add(new Item(Origin.RELATED, "seed:" + file, rUrls, "Mention " + r.nextInt(5), null, null,
                    T0.plusSeconds(60L * r.nextInt(100)), null, null, List.of(), List.of(), List.of(), List.of(), null,
                    null, SeedFacts.NONE, r.nextBoolean() ? rUrls.get(0) : null, null));
        }
        String web = r.nextBoolean() ? urls.get(urls.size() - 1) : null;
        return new Item(Origin.SEED, "seed:" + file, urls, "Seed " + story, Body.of("seed excerpt"), null,
                T0.plusSeconds(600L * r.nextInt(50)), null, null, List.of("t" + r.nextInt(3)), List.of(), List.of(),
                related, null, null, SeedFacts.NONE, web, null);
    }

    /** The world: each source's (and the seeds') current items. */
    private static final class World {
        final Map<String, List<Item>> lists = new LinkedHashMap<>();

        List<Item> all() {
            List<Item> all = new ArrayList<>();
            lists.values().forEach(all::addAll);
            return all;
        }
    }

    /**
     * Runs the {@code seed}th random sequence of 60 changes through {@code incremental}, checking every step.
     *
     * @return how many of the steps ended with a folded article (one that lists a copy), so callers can check the
     *         sequences exercise folding at all
     */
    public static int check(long seed, Archive incremental) {
        int folded = 0;
        Random r = new Random(seed);
        World world = new World();
        PublishedIds published = new PublishedIds();
        Map<String, Instant> seen = new LinkedHashMap<>();
        Function<String, Instant> firstSeen = key -> seen.computeIfAbsent(key, k -> T0.plusSeconds(seen.size()));
        for (int step = 0; step < 60; step++) {
            String list = r.nextInt(4) == 0 ? "seeds" : "source-" + r.nextInt(4);
            List<Item> before = world.lists.getOrDefault(list, List.of());
            List<Item> after = new ArrayList<>(before);
            int op = r.nextInt(10);
            if (op < 2 && !after.isEmpty()) {
                after.remove(r.nextInt(after.size())); // an item leaves (retention, a seed edited away)
            } else if (op < 3) {
                after.clear(); // a source removed
            } else {
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    after.add(list.equals("seeds") ? seed(r, "s" + step + "-" + k) : live(r, list));
                }
                if (op == 9 && !after.isEmpty()) {
                    after.remove(0);
                }
            }
            world.lists.put(list, List.copyOf(after));
            List<Item> removed = new ArrayList<>(before);
            after.forEach(removed::remove);
            List<Item> added = new ArrayList<>(after);
            before.forEach(added::remove);

            MergedArticles.Change change = incremental.apply(removed, added, published, firstSeen);
            List<Article> expected = ArticleMerger.merge(world.all(), published, firstSeen);
            assertEquals(expected, incremental.articles(), "seed " + seed + ", step " + step + " (" + list + ")");
            assertEquals(expected.stream().map(Article::key).toList(), incremental.keys(), "the keys alone");
            if (expected.stream().anyMatch(a -> a.related().stream()
                    .anyMatch(l -> l.title() != null && l.title().startsWith("Also published at")))) {
                folded++;
            }
            Set<String> keys = new HashSet<>();
            expected.forEach(a -> keys.add(a.key()));
            change.changed().forEach(a -> assertTrue(keys.contains(a.key()), "a changed article is there"));
            change.removed().forEach(k -> assertTrue(!keys.contains(k), "a removed article is gone"));
            if (r.nextInt(3) > 0) { // a rebuild publishes what it shows; hidden articles never are
                published.record(expected.stream().filter(a -> r.nextInt(8) > 0).toList(),
                        T0.plusSeconds(10_000L + step));
            }
        }
        return folded;
    }
}
