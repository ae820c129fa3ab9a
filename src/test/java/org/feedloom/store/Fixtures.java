package org.feedloom.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.SourceState;

/** Items, states and articles for the store tests, and a side connection to look into the file. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2024-03-01T10:15:30.123456789Z");
    static final ArticleStore.Retention KEEP_ALL = new ArticleStore.Retention(100_000, 100_000);

    private Fixtures() {}

    static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    /** A live item with every field set, nested related items included; its instants carry nanoseconds. */
    static Item fullItem(String url) {
        Provider provider = new Provider("Example News", "example.com",
                List.of(new Image("https://example.com/logo.png", 50, 50, true), Image.of("https://example.com/l2")));
        Item innerRelated = new Item(Origin.RELATED, "seed:a.md", List.of("https://other.org/inner"), "Inner",
                null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, null, null);
        Item related = new Item(Origin.RELATED, "seed:a.md",
                List.of("https://other.org/r", "https://amp.other.org/r/amp"), "Related “quoted”", Body.of("ex"), Body.of("<p>c</p>"),
                T0.minusSeconds(60), T0, provider, List.of("AI"), List.of("cat"), List.of(Image.of("https://i/1")),
                List.of(innerRelated), "Ann", new FeedRef("urn:f", null, "https://other.org/feed"),
                new SeedFacts("news", "article", 69, -1, false), "https://other.org/r", null);
        return new Item(Origin.FEED, "source:example", List.of(url, url + "?amp=1", "https://example.com/amp/x"),
                "Title with ünïcödé and \"quotes\" \u2028", Body.of("An <b>excerpt</b>"), Body.of("<p>Content\nwith lines</p>"),
                T0, T0.plusNanos(1), provider, List.of("Computer Vision", "AI", "AI in Sales"),
                List.of("Tech", "ML"), List.of(new Image("https://example.com/a.jpg", 1280, null, false),
                        new Image("https://example.com/b.jpg", null, 640, true)),
                List.of(related), "Jane Doe", new FeedRef("urn:feed:1", "Example feed", "https://example.com/"),
                new SeedFacts("cat", "type", 0, 100, true), url, null);
    }

    static Item item(String url, Instant published) {
        Item i = Item.ofFeed("source:s", url, "Title of " + url);
        return new Item(i.origin(), i.provenance(), i.urls(), i.title(), null, null, published, null, null,
                null, null, null, null, null, null, null, Item.defaultWebUrl(i.origin(), i.urls()), null);
    }

    static SourceState state(String sourceId, int newItems) {
        return new SourceState(sourceId, "https://" + sourceId + ".example/feed", "https://" + sourceId + ".example/rss",
                "\"etag-1\"", "Fri, 01 Mar 2024 10:15:30 GMT", SourceState.Status.OK, 0, T0, T0.plusMillis(5),
                T0.plusSeconds(1800), 200, 20, newItems, null);
    }

    static Article fullArticle(String key, String title) {
        Provider provider = new Provider(null, "example.com", List.of(Image.of("https://example.com/logo.png")));
        return new Article(key, "https://" + key, List.of(key, key + "/amp-form"), List.of("https://" + key,
                "https://www." + key + "?utm_source=x"), title, Body.of("excerpt"), Body.of("<p>content</p>"), T0, T0.plusNanos(7),
                provider, List.of("AI", "Computer Vision"), List.of("ML"),
                List.of(new Image("https://example.com/a.jpg", 1, 2, true)),
                List.of(new Link("https://other.org/r", "Related"), new Link("https://other.org/s", null)), "Jane",
                List.of(new FeedRef("urn:feed:1", "Feed", null)), List.of("source:b", "seed:a.md"), Origin.SEED,
                new SeedFacts("news", "article", 69, -1, null));
    }

    static Article minimalArticle(String key, Instant published) {
        return new Article(key, "https://" + key, List.of(key), List.of("https://" + key), "T", null, null,
                published, published, null, List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of(),
                Origin.FEED, null);
    }

    /** One fetch of one source committed alone (a batch of one). */
    static List<Item> commitFetch(ArticleStore store, SourceState state, List<Item> items,
                                  ArticleStore.Retention retention, Instant now) {
        return store.commitBatch(List.of(SourceWrite.fetched(state, items, retention, now))).get(0);
    }

    /** A source's state saved alone (a batch of one). */
    static void saveState(ArticleStore store, SourceState state) {
        store.commitBatch(List.of(SourceWrite.stateOnly(state)));
    }

    /** A second connection to the store's file, to look at tables the interface does not show. */
    static Connection side(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
    }

    static long count(Path db, String sql) throws SQLException {
        try (Connection c = side(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
