package org.feedloom.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;

/** Fetches committed to a real store as a server's writer commits them, and the catalog a restart builds. */
final class StoredFetches {
    private StoredFetches() {}

    /**
     * Commits what a fetch of source {@code sourceId}'s {@code feed} parses at {@code now} under {@code retention},
     * and hands the aggregator what the store returns. A fetch parses its items anew: equal items, not the same
     * objects (the store keeps the bodies of the items it is given, so the feed's own are never handed over).
     */
    static void fetched(ArticleStore store, Aggregator aggregator, String sourceId, List<Item> feed,
                        ArticleStore.Retention retention, Instant now) {
        List<List<Item>> stored = store.commitBatch(List.of(SourceWrite.fetched(
                SourceState.pending(sourceId, "https://" + sourceId + ".example.net/feed.xml"),
                feed.stream().map(StoredFetches::parsedAgain).toList(), retention, now)));
        aggregator.setSourceItems(sourceId, stored.get(0));
    }

    /** The articles a new aggregator makes of everything stored, with the stored published ids and first sights. */
    static List<Article> fromScratch(ArticleStore store, Clock clock) {
        ArticleStore.Snapshot stored = store.load();
        Aggregator fresh = new Aggregator(clock);
        fresh.usePublishedIds(stored.publishedIds());
        fresh.addFirstSeen(stored.firstSeen());
        for (Map.Entry<String, List<Item>> e : stored.sourceItems().entrySet()) {
            fresh.setSourceItems(e.getKey(), e.getValue());
        }
        return fresh.rebuild().all();
    }

    private static Item parsedAgain(Item i) {
        return new Item(i.origin(), i.provenance(), i.urls(), i.title(), copy(i.excerptBody()), copy(i.body()),
                i.published(), i.updated(), i.provider(), i.topics(), i.categories(), i.images(), i.related(),
                i.author(), i.feed(), i.facts(), i.webUrl(), i.originalUrl());
    }

    private static Body copy(Body body) {
        return body == null ? null : Body.of(body.text());
    }
}
