package org.feedloom.app;

import org.feedloom.topic.TopicIndex;
import org.feedloom.model.TopicRule;
import org.feedloom.model.Catalog;
import org.feedloom.model.Article;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;

/**
 * A real SQLite store in a test's folder with the server's merge kept in it ({@link StoreMerger}) and an aggregator
 * showing what it merges, wired as {@link Pipeline} wires them: what the app tests hand seeds, sources and their
 * items to, as a server's configuration and fetches would. A source's items given here are what it lists now: its
 * items stored before and not listed any more are gone (each fetch is written a few days after the last, under a
 * retention of one day for items a source no longer lists).
 */
final class MergedStore implements AutoCloseable {
    /** Retention under which a fetch's items replace what the source listed before. */
    static final ArticleStore.Retention LISTED_ONLY = new ArticleStore.Retention(1, 1_000_000);

    final ArticleStore store;
    final Aggregator aggregator;
    final StoreMerger merger;
    /** Every merge's outcome the merger told, in the order told (any thread may read it). */
    final List<StoreMerger.Merged> told = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final RelatedRule related;
    private final List<Source> sources = new ArrayList<>();
    /** When the next fetch is written: days apart, so that what a source no longer lists expires at once. */
    private Instant writtenAt = Instant.parse("2001-01-01T00:00:00Z");

    MergedStore(Path dir, Clock clock) {
        this(SqliteStore.open(dir.resolve("merged.db"), clock), clock, FoldRule.DEFAULT, RelatedRule.DEFAULT);
    }

    MergedStore(Path dir, Clock clock, FoldRule fold, RelatedRule related) {
        this(SqliteStore.open(dir.resolve("merged.db"), clock), clock, fold, related);
    }

    /** Over {@code store} (closed with this). */
    MergedStore(ArticleStore store, Clock clock, FoldRule fold, RelatedRule related) {
        this.store = store;
        this.clock = clock;
        this.related = related;
        this.aggregator = new Aggregator(clock, store, related);
        this.merger = new StoreMerger(store, fold, Aggregator.EVERY_CORE, clock, merged -> {
            told.add(merged);
            aggregator.noteMerged(merged);
        });
    }

    /** Keeps {@code items} as the seeds, and merges what changed. */
    void setSeeds(List<Item> items) {
        merger.seeds(items);
    }

    /**
     * Stores {@code items} as what source {@code sourceId} lists now, configuring the source (without excludes) if it
     * is not, and merges what changed. Each item is stored as a fetch parses it: an equal item, not the same object.
     */
    List<Item> setSourceItems(String sourceId, List<Item> items) {
        return setSourceItems(sourceId, items, LISTED_ONLY);
    }

    /**
     * As {@link #setSourceItems(String, List)}, under {@code retention}: the items the source no longer lists stay
     * stored, and merged, as long as {@code retention} keeps them. Returns every item now stored for the source.
     */
    List<Item> setSourceItems(String sourceId, List<Item> items, ArticleStore.Retention retention) {
        writtenAt = writtenAt.plus(Duration.ofDays(3));
        return fetched(sourceId, items, retention, writtenAt);
    }

    /**
     * Commits what a fetch of source {@code sourceId} at {@code now} parsed under {@code retention} (configuring the
     * source if it is not), merging what changed; returns every item stored for the source.
     */
    List<Item> fetched(String sourceId, List<Item> items, ArticleStore.Retention retention, Instant now) {
        if (sources.stream().noneMatch(s -> s.id().equals(sourceId))) {
            sources.add(source(sourceId, List.of()));
            merger.configure(sources);
        }
        return merger.commit(List.of(SourceWrite.fetched(
                SourceState.pending(sourceId, "https://" + sourceId + ".example.net/feed.xml"),
                items.stream().map(MergedStore::parsedAgain).toList(), retention, now))).stored().get(0);
    }

    /** Takes source {@code sourceId} out of the configuration: its items leave the archive (they stay stored). */
    void removeSource(String sourceId) {
        sources.removeIf(s -> s.id().equals(sourceId));
        merger.configure(sources);
    }

    /** Configures {@code configured} (ids and excludes) as the sources merged. */
    void configure(List<Source> configured) {
        sources.clear();
        sources.addAll(configured);
        merger.configure(sources);
    }

    /**
     * A new aggregator told the whole merged archive as the store holds it now ({@link StoreMerger#rereadAll}), as a
     * restart's is, not rebuilt yet: what showing the archive from scratch publishes.
     */
    Aggregator showingAnew() {
        Aggregator fresh = new Aggregator(clock, store, related);
        // rereading merges nothing: the fold rule is not used
        new StoreMerger(store, FoldRule.DEFAULT, Aggregator.EVERY_CORE, clock, fresh::noteMerged).rereadAll();
        return fresh;
    }

    /**
     * What {@code fresh} (a {@link #showingAnew} aggregator under {@code topicRules}) shows of the whole archive,
     * grouped in memory: its rebuild's articles as its sync is handed them, the store left as it is (a rebuild's
     * catalog reads its lists from the store's snapshot, which the aggregator compared with must have written).
     */
    static Catalog shownInMemory(Aggregator fresh, List<TopicRule> topicRules) {
        List<Article> shown = new ArrayList<>();
        fresh.rebuild(Integer.MAX_VALUE, (pending, change, shows) -> shown.addAll(pending.get()));
        return new TopicIndex(topicRules).catalog(1, shown);
    }

    /** A live source {@code id} dropping items by {@code exclude}. */
    static Source source(String id, List<String> exclude) {
        return new Source(id, null, "https://" + id + ".example.net/feed.xml", null, List.of(), exclude, null, true,
                null);
    }

    static Item parsedAgain(Item i) {
        return new Item(i.origin(), i.provenance(), i.urls(), i.title(), copy(i.excerptBody()), copy(i.body()),
                i.published(), i.updated(), i.provider(), i.topics(), i.categories(), i.images(), i.related(),
                i.author(), i.feed(), i.facts(), i.webUrl(), i.originalUrl());
    }

    private static Body copy(Body body) {
        return body == null ? null : Body.of(body.text());
    }

    @Override
    public void close() {
        store.close();
    }
}
