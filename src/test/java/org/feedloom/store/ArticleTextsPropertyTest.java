package org.feedloom.store;

import static org.feedloom.store.Fixtures.KEEP_ALL;
import static org.feedloom.store.Fixtures.commitFetch;
import static org.feedloom.store.Fixtures.day;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.junit.jupiter.api.Test;

/**
 * Article rows that name their item ({@link ItemText}), against a plain model: random fetches of two sources (the
 * same URLs in both, texts edited, dropped and changed, retention caps deleting items) committed as the writer
 * commits them, the articles merged from what is stored (their texts where the store keeps them) and synced as the rebuilds do, sometimes
 * from a merge made before the last commit (a rebuild that read the items a fetch has since changed). After every
 * commit the snapshot reads back exactly as last synced, text for text (items edited or deleted since hand their
 * texts to the rows that named them), and no row names an item that is not stored.
 */
class ArticleTextsPropertyTest extends StoreContract {
    private static final List<String> PATHS = List.of("a", "b", "c", "d", "e", "f");
    private static final List<String> TEXTS = List.of("<p>One</p>", "<p>Two, longer</p>", "<p>Three, longest of all</p>");
    private static final ArticleStore.Retention CAP_TWO = new ArticleStore.Retention(100_000, 2);

    private static String text(Random random) {
        int i = random.nextInt(TEXTS.size() + 1);
        return i == TEXTS.size() ? null : TEXTS.get(i) + random.nextInt(3);
    }

    private static Item item(Random random, String source, String path) {
        String url = "https://example.org/" + path;
        return new Item(Origin.FEED, "source:" + source, List.of(url), "Title " + path, Body.of(text(random)), Body.of(text(random)),
                day(PATHS.indexOf(path)), null, null, null, null, null, null, null, null, null, url, null);
    }

    /** The articles merged from every stored item, with each one's members. */
    private static MergedArticles merge(Map<String, List<Item>> stored) {
        MergedArticles merged = new MergedArticles();
        List<Item> all = new ArrayList<>();
        stored.values().forEach(all::addAll);
        merged.apply(List.of(), all, new PublishedIds(), key -> Instant.EPOCH);
        return merged;
    }

    private static Map<String, Article> byKey(List<Article> articles) {
        Map<String, Article> byKey = new TreeMap<>();
        articles.forEach(a -> byKey.put(a.key(), a));
        return byKey;
    }

    private static List<Body> bodies(Map<String, List<Item>> items) {
        List<Body> bodies = new ArrayList<>();
        items.values().forEach(l -> l.forEach(i -> {
            bodies.add(i.excerptBody());
            bodies.add(i.body());
        }));
        return bodies;
    }

    /** The item each row names: article key to {source, item key, text_of}. */
    private Map<String, String[]> named() throws SQLException {
        Map<String, String[]> named = new HashMap<>();
        try (Connection c = backend().side(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, text_source, text_key, text_of FROM article "
                     + "WHERE text_of IS NOT NULL")) {
            while (r.next()) {
                named.put(r.getString(1), new String[] {r.getString(2), r.getString(3), r.getString(4)});
            }
        }
        return named;
    }

    /** The stored item of {@code source} under {@code key}, or null. */
    private static Item storedItem(Map<String, List<Item>> stored, String source, String key) {
        return stored.getOrDefault(source, List.of()).stream().filter(i -> StoredItem.keyOf(i).equals(key))
                .findFirst().orElse(null);
    }

    @Test
    void randomFetchesAndSyncs_neverLoseAText_andReadBackAsSynced() throws SQLException {
        for (int run = 0; run < 25; run++) {
            Random random = new Random(run);
            Map<String, Article> synced = Map.of();
            try (JdbcStore store = open()) {
                // each run on an empty store (the schema made by the first open), before this store writes anything
                backend().execute("DELETE FROM article_topic", "DELETE FROM article_alias", "DELETE FROM article",
                        "DELETE FROM item_alias", "DELETE FROM item", "DELETE FROM tombstone",
                        "DELETE FROM source_state");
                for (int step = 0; step < 12; step++) {
                    String source = random.nextBoolean() ? "s1" : "s2";
                    List<Item> fetched = new ArrayList<>();
                    for (String path : PATHS) {
                        if (random.nextInt(3) == 0) {
                            fetched.add(item(random, source, path));
                        }
                    }
                    Map<String, List<Item>> read = store.load().sourceItems();
                    // a merge that read its items' texts before the commit holds them until it is synced, as a
                    // rebuild holds what it reads ({@link Body#hold}); loaded items hold none
                    Body.Held readBefore = Body.hold(bodies(read));
                    MergedArticles earlier = merge(read);
                    commitFetch(store, state(source, fetched.size()), fetched,
                            random.nextInt(3) == 0 ? CAP_TWO : KEEP_ALL, day(10 + step));
                    Map<String, List<Item>> stored = store.load().sourceItems();
                    String where = "run " + run + " step " + step;
                    if (random.nextInt(3) > 0) {
                        // a rebuild: from what is stored now, or from before this commit (it read the items earlier)
                        MergedArticles merged = random.nextInt(4) > 0 ? merge(stored) : earlier;
                        store.syncArticles(merged.articles());
                        synced = byKey(merged.articles());
                    }
                    assertEquals(synced, byKey(store.articles()), where + ": the snapshot reads back as synced");
                    readBefore.close();
                    for (Map.Entry<String, String[]> row : named().entrySet()) {
                        String[] item = row.getValue();
                        assertTrue(storedItem(stored, item[0], item[1]) != null,
                                where + ": " + row.getKey() + " names an item no longer stored");
                    }
                }
            }
        }
    }
}
