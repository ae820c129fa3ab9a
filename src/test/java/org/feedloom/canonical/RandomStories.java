package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * Random inputs about a few numbered stories, for the property tests of merges kept in the store: the URLs a story is
 * published under, and seed documents edited as people edit them.
 */
public final class RandomStories {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private RandomStories() {}

    /** One of four URLs of story {@code story}: canonical, {@code www.} with tracking, AMP, {@code http} with a slash. */
    public static String variant(Random random, int story) {
        return switch (random.nextInt(4)) {
            case 0 -> "https://news.example.org/story-" + story;
            case 1 -> "https://www.news.example.org/story-" + story + "?utm_source=rss";
            case 2 -> "https://news.example.org/story-" + story + "/amp/";
            default -> "http://news.example.org/story-" + story + "/";
        };
    }

    /**
     * {@code seeds} edited as a seed document is at step {@code step}: an item dropped, a title corrected in place,
     * or an item added about one of {@code stories} stories, sometimes with a related mention of another.
     */
    public static List<Item> editedSeeds(Random random, List<Item> seeds, int step, int stories) {
        List<Item> edited = new ArrayList<>(seeds);
        int op = random.nextInt(3);
        if (op == 0 && !edited.isEmpty()) {
            edited.remove(random.nextInt(edited.size()));
        } else if (op == 1 && !edited.isEmpty()) {
            int at = random.nextInt(edited.size());
            Item i = edited.get(at);
            edited.set(at, new Item(i.origin(), i.provenance(), i.urls(), i.title() + " (edited " + step + ")",
                    i.excerptBody(), i.body(), i.published(), i.updated(), i.provider(), i.topics(), i.categories(),
                    i.images(), i.related(), i.author(), i.feed(), i.facts(), i.webUrl(), i.originalUrl()));
        } else {
            int story = random.nextInt(stories);
            String url = variant(random, story);
            List<Item> related = new ArrayList<>();
            if (random.nextBoolean()) {
                String mention = variant(random, random.nextInt(stories));
                related.add(new Item(Origin.RELATED, "seed:doc", List.of(mention), "A mention", null, null, T0,
                        null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, mention,
                        null));
            }
            edited.add(new Item(Origin.SEED, "seed:doc", List.of(url), "Seed of story " + story,
                    Body.of("<p>The seed's words on story " + story + ".</p>"), null, T0.minusSeconds(60L * step),
                    null, null, List.of("topic-" + story % 3), List.of(), List.of(), related, null, null,
                    SeedFacts.NONE, url, null));
        }
        return List.copyOf(edited);
    }

    /** {@code a} with its texts read: held bodies of the words its stored ones read, equal only if the words are. */
    public static Article textsRead(Article a) {
        return new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title(), Body.of(a.excerpt()),
                Body.of(a.content()), a.published(), a.updated(), a.provider(), a.topics(), a.categories(), a.images(),
                a.related(), a.author(), a.feeds(), a.provenance(), a.origin(), a.facts());
    }
}
