package org.feedloom.store;

import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.fullArticle;
import static org.feedloom.store.Fixtures.minimalArticle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Image;
import org.feedloom.model.Provider;
import org.junit.jupiter.api.Test;

class ArticleSnapshotTest extends StoreContract {

    /** Installs triggers that log every write of an article row. */
    private void logWrites() throws SQLException {
        backend().logWrites("article", "key", List.of());
    }

    /** The keys of the articles inserted or updated since {@link #logWrites}, in order. */
    private List<String> writes() throws SQLException {
        List<String> keys = new ArrayList<>();
        for (String what : backend().logged()) {
            if (what.endsWith(" insert") || what.endsWith(" update")) {
                keys.add(what.substring(0, what.lastIndexOf(' ')));
            }
        }
        return keys;
    }

    @Test
    void syncArticles_everyFieldAndMinimal_readBackEqual_newestFirst() {
        Article full = fullArticle("example.com/full", "Full");
        Article minimal = minimalArticle("example.com/minimal", T0.plusSeconds(1));
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(full, minimal));
            assertEquals(List.of(minimal, full), store.articles());
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(minimal, full), store.articles(), "after a restart");
        }
    }

    @Test
    void publishedWithAliasKey_findsTheArticleByAnyOfItsAliasKeys_asTheLastSyncLeftIt() {
        Article a = fullArticle("example.com/a", "A");
        Article b = fullArticle("example.com/b", "B");
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b));
            for (String aliasKey : a.aliasKeys()) {
                assertEquals(java.util.Optional.of(a), store.publishedWithAliasKey(aliasKey), aliasKey);
            }
            assertEquals(java.util.Optional.empty(), store.publishedWithAliasKey("example.com/unknown"));
            store.syncArticles(List.of(b));
            assertEquals(java.util.Optional.empty(), store.publishedWithAliasKey(a.aliasKeys().get(0)),
                    "gone with the article");
        }
    }

    @Test
    void syncArticles_deletesArticlesNotInTheList_withTheirAliasKeys() throws SQLException {
        Article a = fullArticle("example.com/a", "A");
        Article b = fullArticle("example.com/b", "B");
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b));
            store.syncArticles(List.of(b));
            assertEquals(List.of(b), store.articles());
            assertEquals(2, backend().count("SELECT count(*) FROM article_alias"));
            store.syncArticles(List.of());
            assertEquals(List.of(), store.articles());
            assertEquals(0, backend().count("SELECT count(*) FROM article_alias"));
        }
    }

    @Test
    void syncArticles_writesOnlyNewAndChangedArticles() throws SQLException {
        Article a = fullArticle("example.com/a", "A");
        Article b = fullArticle("example.com/b", "B");
        Article bRetitled = fullArticle("example.com/b", "B, corrected");
        Article c = minimalArticle("example.com/c", T0);
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b));
            logWrites();
            store.syncArticles(List.of(a, bRetitled, c));
            assertEquals(List.of("example.com/b", "example.com/c"), writes());
            store.syncArticles(List.of(c, bRetitled, a));
            assertEquals(List.of("example.com/b", "example.com/c"), writes(), "nothing changed, nothing written");
            assertEquals(Set.of(a, bRetitled, c), Set.copyOf(store.articles()));
        }
    }

    /**
     * Issue 13: a sync writes out a provider that many articles share once (found by the object), and compares each
     * article by its own: articles of two shared providers are found unchanged, and one moved to the other provider
     * is written.
     */
    @Test
    void syncArticles_articlesSharingProviders_eachComparedByItsOwn() throws SQLException {
        Provider one = new Provider("One", "one.example", List.of());
        Provider two = new Provider("Two", "two.example", List.of(Image.of("https://two.example/logo.png")));
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            articles.add(withProvider(fullArticle("example.com/" + i, "T" + i), i % 2 == 0 ? one : two));
        }
        try (JdbcStore store = open()) {
            store.syncArticles(articles);
            logWrites();
            store.syncArticles(articles);
            assertEquals(List.of(), writes(), "nothing changed, nothing written");
            articles.set(3, withProvider(articles.get(3), one));
            store.syncArticles(articles);
            assertEquals(List.of("example.com/3"), writes());
            assertEquals(one, store.articles().stream().filter(a -> a.key().equals("example.com/3")).findFirst()
                    .orElseThrow().provider());
        }
    }

    private static Article withProvider(Article a, Provider provider) {
        return new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title(), a.excerptBody(), a.body(),
                a.published(), a.updated(), provider, a.topics(), a.categories(), a.images(), a.related(), a.author(),
                a.feeds(), a.provenance(), a.origin(), a.facts());
    }

    /**
     * Issue 13: a sync compares the stored hashes a run of articles at a time (a restart's compares every article of
     * the archive): articles changed, new and gone in different runs are each written or deleted, and nothing else.
     */
    @Test
    void syncArticles_ofMoreArticlesThanOneRunCompares_writesWhatChangedInEachRun_andDeletesWhatWent()
            throws SQLException {
        List<Article> first = new ArrayList<>();
        for (int i = 0; i < 1200; i++) { // three runs of Sql.KEYS_AT_ONCE
            first.add(minimalArticle("example.com/" + i, T0.plusSeconds(i)));
        }
        try (JdbcStore store = open()) {
            store.syncArticles(first);
            logWrites();
            List<Article> next = new ArrayList<>(first);
            next.set(10, fullArticle("example.com/10", "changed in the first run"));
            next.set(1190, fullArticle("example.com/1190", "changed in the last run"));
            next.remove(700);
            next.remove(5);
            next.add(minimalArticle("example.com/new", T0));
            store.syncArticles(next);
            assertEquals(Set.of("example.com/10", "example.com/1190", "example.com/new"), Set.copyOf(writes()));
            assertEquals(Set.copyOf(next), Set.copyOf(store.articles()));
            assertEquals(1199 + 2, backend().count("SELECT count(*) FROM article_alias"),
                    "1,199 articles, two of them with two alias keys: the gone ones' deleted too");
        }
    }

    @Test
    void syncArticles_twoArticlesWithOneKey_refused_writingNothing() {
        Article a = fullArticle("example.com/a", "A");
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.syncArticles(
                    List.of(minimalArticle("example.com/b", T0), fullArticle("example.com/b", "B again"))));
            assertEquals(List.of(a), store.articles());
        }
    }

    /** Keys are told apart by their text where their hashes are equal ("Aa" and "BB" hash alike). */
    @Test
    void syncArticles_keysOfEqualHashes_keptApart_deletedApart_andRefusedTwice() {
        Article aa = minimalArticle("example.com/Aa", T0);
        Article bb = minimalArticle("example.com/BB", T0.plusSeconds(1));
        Article cc = minimalArticle("example.com/C#", T0.plusSeconds(2)); // "C#" hashes as "Aa" too
        assertEquals(aa.key().hashCode(), bb.key().hashCode());
        assertEquals(aa.key().hashCode(), cc.key().hashCode());
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(aa, bb, cc));
            assertEquals(List.of(cc, bb, aa), store.articles());
            store.syncArticles(List.of(aa, cc));
            assertEquals(List.of(cc, aa), store.articles(), "the one of the three that went is deleted");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.syncArticles(
                    List.of(aa, cc, bb, fullArticle("example.com/C#", "C# again"))));
            assertEquals(List.of(cc, aa), store.articles());
        }
    }

    @Test
    void syncChange_leavesWhatAWholeSyncLeaves_writingOnlyTheChange() throws SQLException {
        Article a = fullArticle("example.com/a", "A");
        Article b = fullArticle("example.com/b", "B");
        Article gone = minimalArticle("example.com/gone", T0);
        Article bRetitled = fullArticle("example.com/b", "B, corrected");
        Article c = minimalArticle("example.com/c", T0.plusSeconds(60));
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b, gone));
            logWrites();
            store.syncChange(new ArticleStore.Change(List.of(bRetitled, c),
                    Set.of("example.com/gone", "example.com/b")));
            assertEquals(List.of("example.com/b", "example.com/c"), writes());
            assertEquals(Set.of(a, bRetitled, c), Set.copyOf(store.articles()));
        }
    }

    /**
     * A change is written as it is, nothing compared (a rebuild works it out against the rows); on a database other
     * instances write, a changed article's row goes first even where the change saw none, since another instance
     * may have written it meanwhile.
     */
    @Test
    void syncChange_comparesNothing_andOnASharedStore_replacesARowTheChangeDidNotSee() throws SQLException {
        Article a = fullArticle("example.com/a", "A");
        Article aRetitled = fullArticle("example.com/a", "A, corrected");
        Article b = fullArticle("example.com/b", "B");
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b));
            logWrites();
            store.syncChange(new ArticleStore.Change(List.of(), Set.of()));
            assertEquals(List.of(), writes(), "an empty change writes nothing");
            if (store.shared()) {
                store.syncChange(new ArticleStore.Change(List.of(aRetitled), Set.of()));
                assertEquals(List.of("example.com/a"), writes());
                assertEquals(Set.of(aRetitled, b), Set.copyOf(store.articles()));
            }
        }
    }

    /**
     * The first sync after a start compares every article of the archive with its stored row (about 20 s at a
     * million articles); on the only writer it does so before taking the write transaction, so another thread's write
     * meanwhile (a batch of fetches committed) goes through instead of waiting for it. The articles' list makes that
     * write, from another thread, while the sync reads it; it fails if the write waits for the sync.
     */
    @Test
    void syncArticles_comparingEveryArticle_onTheOnlyWriter_letsOtherWritesThrough_issue13() throws Exception {
        List<Article> first = new ArrayList<>();
        for (int i = 0; i < 1200; i++) { // three runs of Sql.KEYS_AT_ONCE
            first.add(minimalArticle("example.com/" + i, T0.plusSeconds(i)));
        }
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (JdbcStore store = open()) {
            store.syncArticles(first);
            List<Article> next = new ArrayList<>(first);
            next.set(10, fullArticle("example.com/10", "changed"));
            next.remove(700);
            java.util.concurrent.atomic.AtomicReference<Throwable> writeMeanwhile =
                    new java.util.concurrent.atomic.AtomicReference<>();
            List<Article> writesWhileRead = new java.util.AbstractList<>() {
                private boolean written = !store.soleWriter(); // a shared store compares in its write

                @Override
                public Article get(int index) {
                    if (!written) {
                        written = true;
                        try {
                            other.submit(() -> store.saveFirstSeen(java.util.Map.of("example.com/meanwhile", T0)))
                                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            writeMeanwhile.set(e);
                        }
                    }
                    return next.get(index);
                }

                @Override
                public int size() {
                    return next.size();
                }
            };
            store.syncArticles(writesWhileRead);
            assertEquals(null, writeMeanwhile.get(), "the write meanwhile waited for the sync");
            assertEquals(Set.copyOf(next), Set.copyOf(store.articles()));
            if (store.soleWriter()) {
                assertEquals(T0, store.load().firstSeen().get("example.com/meanwhile"), "the write meanwhile kept");
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void syncArticles_afterReopening_writesOnlyWhatChanged_byHash() throws SQLException {
        Article a = fullArticle("example.com/a", "A");
        Article b = fullArticle("example.com/b", "B");
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b));
        }
        logWrites();
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, fullArticle("example.com/b", "B, corrected")));
            assertEquals(List.of("example.com/b"), writes());
        }
    }

    @Test
    void syncArticles_aChangeOfAliasKeysAlone_isWritten() {
        Article a = minimalArticle("example.com/a", T0);
        Article moreAliases = new Article(a.key(), a.url(), List.of("example.com/a", "example.net/a"), a.aliases(),
                a.title(), null, null, a.published(), a.updated(), null, List.of(), List.of(), List.of(), List.of(),
                null, List.of(), List.of(), a.origin(), null);
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a));
            store.syncArticles(List.of(moreAliases));
            assertEquals(List.of(moreAliases), store.articles());
        }
    }

    @Test
    void rewriteArticles_writesEveryRowAgain_whateverTheSnapshotHeld_issue13() throws SQLException {
        Article a = fullArticle("example.com/a", "A");
        Article b = fullArticle("example.com/b", "B");
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(a, b, minimalArticle("example.com/gone", T0)));
        }
        long topicRows = backend().count("SELECT count(*) FROM article_topic WHERE article_key <> 'example.com/gone'");
        backend().executeWithoutForeignKeys( // orphans stay
                "DELETE FROM article_topic WHERE article_key = 'example.com/a'",
                "DELETE FROM article_alias WHERE article_key = 'example.com/b'",
                "DELETE FROM article WHERE key = 'example.com/gone'");
        logWrites();
        try (JdbcStore store = open()) {
            store.rewriteArticles(List.of(a, b));
            assertEquals(List.of("example.com/a", "example.com/b"), writes(), "unchanged hashes written too");
            assertEquals(Set.of(a, b), Set.copyOf(store.articles()));
            assertEquals(topicRows, backend().count("SELECT count(*) FROM article_topic"));
            assertEquals(0, backend().count("SELECT count(*) FROM article_alias WHERE article_key = 'example.com/gone'"),
                    "orphan rows gone");
            store.syncArticles(List.of(a, b));
            assertEquals(List.of("example.com/a", "example.com/b"), writes(), "a sync after it knows what it wrote");
        }
    }

    @Test
    void aliasTable_findsTheArticleOfAnyAliasKey() throws SQLException {
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(fullArticle("example.com/a", "A"), fullArticle("example.com/b", "B")));
        }
        try (Connection c = backend().side();
             PreparedStatement p = c.prepareStatement("SELECT article_key FROM article_alias WHERE alias_key = ?")) {
            p.setString(1, "example.com/b/amp-form");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                assertEquals("example.com/b", r.getString(1));
            }
        }
    }
    private static Article at(String key, int second, String... topics) {
        return minimalArticle(key, T0.plusSeconds(second)).withTopics(List.of(topics));
    }

    private static Set<String> keys(List<Article> articles) {
        Set<String> keys = new java.util.TreeSet<>();
        articles.forEach(a -> keys.add(a.key()));
        assertEquals(articles.size(), keys.size(), "each article once");
        return keys;
    }

    @Test
    void newestArticles_theNewestOfEveryTopicAndOfAll_eachOnce() {
        try (JdbcStore store = open()) {
            assertEquals(List.of(), store.newestArticles(2), "nothing synced yet");
            store.syncArticles(List.of(at("a1", 1, "A"), at("a2", 2, "A"), at("a3", 3, "A", "B"), at("a4", 4, "A"),
                    at("b1", 0, "B"), at("n5", 5), at("n6", 6)));
            // A: a4, a3; B: a3, b1; all: n6, n5
            assertEquals(Set.of("a4", "a3", "b1", "n6", "n5"), keys(store.newestArticles(2)));
            assertEquals(Set.of("a4", "a3", "n6"), keys(store.newestArticles(1)));
            Article a3 = store.newestArticles(1).stream().filter(a -> a.key().equals("a3")).findFirst().orElseThrow();
            assertEquals(at("a3", 3, "A", "B"), a3, "every field read back");
        }
    }

    /**
     * More articles than one statement reads (they are read several hundred at a time), each with alias keys whose
     * order is not their alphabetical one: all come back, in the feeds' order, each with its alias keys in order.
     */
    @Test
    void newestArticles_ofMoreThanOneReadsAtOnce_comeInTheFeedsOrder_withTheirAliasKeysInOrder() {
        List<Article> expected = new ArrayList<>();
        for (int i = 1_199; i >= 0; i--) { // newest first
            String key = String.format("k%04d", i);
            expected.add(new Article(key, "https://" + key, List.of(key, "z." + key, "a." + key),
                    List.of("https://" + key, "https://z." + key, "https://a." + key), "T" + i, null, null,
                    T0.plusSeconds(i), T0.plusSeconds(i), null, List.of("A"), List.of(), List.of(), List.of(), null,
                    List.of(), List.of(), org.feedloom.model.Origin.FEED, null));
        }
        try (JdbcStore store = open()) {
            store.syncArticles(expected);
            assertEquals(expected, store.newestArticles(1_200));
            assertEquals(expected.subList(0, 50), store.topicPage(List.of("A"), 0, 50));
        }
    }

    @Test
    void newestArticles_ordersByUpdatedThenPublishedThenKey_likeTheFeeds() {
        Article olderUpdatedLater = new Article("k-old", "https://k-old", List.of("k-old"), List.of("https://k-old"),
                "T", null, null, T0, T0.plusSeconds(100), null, List.of("A"), List.of(), List.of(), List.of(), null,
                List.of(), List.of(), org.feedloom.model.Origin.FEED, null);
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(olderUpdatedLater, at("k-new", 50, "A"), at("k-b", 50, "A"),
                    at("k-a", 50, "A")));
            assertEquals(Set.of("k-old", "k-a"), keys(store.newestArticles(2)),
                    "updated first; equal times by key");
        }
    }

    @Test
    void newestArticles_followChangedTopicsAndDeletedArticles() throws SQLException {
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(at("x", 1, "A"), at("y", 2, "A"), at("z", 3, "B")));
            store.syncArticles(List.of(at("x", 1, "A"), at("y", 2, "B")));
            assertEquals(Set.of("x", "y"), keys(store.newestArticles(1)), "A: x; B: y; all: y");
            assertEquals(4, backend().count("SELECT count(*) FROM article_topic"), "z's rows went with it");
            store.syncArticles(List.of());
            assertEquals(List.of(), store.newestArticles(5));
            assertEquals(0, backend().count("SELECT count(*) FROM article_topic"));
        }
    }

    @Test
    void newestArticles_datesBeyondNanosecondRange_stillOrder() {
        Article far = minimalArticle("far", java.time.Instant.parse("9999-12-31T00:00:00Z")).withTopics(List.of("A"));
        Article early = minimalArticle("early", java.time.Instant.parse("1000-01-01T00:00:00Z")).withTopics(List.of("A"));
        try (JdbcStore store = open()) {
            store.syncArticles(List.of(early, at("now", 0, "A"), far));
            assertEquals(Set.of("far"), keys(store.newestArticles(1)));
        }
    }

    @Test
    void topicPage_pagesThroughEveryTopic_inTheFeedsOrder_withItsTotal() {
        java.util.Random random = new java.util.Random(13);
        List<Article> articles = new java.util.ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int second = random.nextInt(40); // many equal times: the key decides
            Article a = at("k" + random.nextInt(1_000_000) + "-" + i, second,
                    random.nextBoolean() ? new String[] {"A"} : random.nextBoolean() ? new String[] {"A", "b"}
                            : new String[] {"b"});
            articles.add(random.nextInt(4) == 0 ? new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title(),
                    null, null, a.published().minusSeconds(random.nextInt(3)), a.updated(), null,
                    a.topics(), List.of(), List.of(), List.of(), null, List.of(), List.of(),
                    org.feedloom.model.Origin.FEED, null) : a);
        }
        try (JdbcStore store = open()) {
            store.syncArticles(articles);
            for (List<String> names : List.of(List.<String>of(), List.of("A"), List.of("b"), List.of("A", "b"))) {
                List<Article> expected = articles.stream()
                        .filter(a -> names.isEmpty() || a.topics().stream().anyMatch(names::contains))
                        .sorted(org.feedloom.topic.TopicIndex.NEWEST_FIRST).toList();
                List<Article> paged = new java.util.ArrayList<>();
                for (int offset = 0; ; offset += 7) {
                    List<Article> page = store.topicPage(names, offset, 7);
                    if (page.isEmpty()) {
                        break;
                    }
                    paged.addAll(page);
                }
                assertEquals(expected.size(), store.topicCount(names), names + ": each article counted once");
                assertEquals(expected, paged, names + ": every article once, in the feeds' order, every field");
                for (int size : new int[] {1, 7, 50, 500}) { // keyset paging: each page read from where it starts
                    List<TopicPosition> starts = store.topicPageStarts(names, size);
                    assertEquals((expected.size() + size - 1) / size, starts.size(), names + ", pages of " + size);
                    List<Article> keyset = new java.util.ArrayList<>();
                    for (TopicPosition start : starts) {
                        keyset.addAll(store.topicPageFrom(names, start, size));
                    }
                    assertEquals(expected, keyset, names + ", pages of " + size + ": what offsets give");
                }
            }
            assertEquals(List.of(), store.topicPage(List.of("nobody's"), 0, 5));
            assertEquals(0, store.topicCount(List.of("nobody's")));
            assertEquals(List.of(), store.topicPageStarts(List.of("nobody's"), 5));
        }
    }

    /**
     * A catalog's list read from the snapshot ({@link TopicList}) is the topic's articles in the feeds' order, read a
     * block at a time: every index, a run across blocks, the deepest block; a list counting more articles than the
     * snapshot has gives the rows there are to a run and refuses a missing index.
     */
    @Test
    void topicList_readsATopicsArticles_byBlocks_fromTheSnapshot() {
        java.util.Random random = new java.util.Random(17);
        List<Article> articles = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            articles.add(at("k" + random.nextInt(1_000_000) + "-" + i, random.nextInt(30),
                    random.nextBoolean() ? new String[] {"A"} : new String[] {"A", "b"}));
        }
        try (JdbcStore store = open()) {
            store.syncArticles(articles);
            for (List<String> names : List.of(List.<String>of(), List.of("b"))) {
                List<Article> expected = articles.stream()
                        .filter(a -> names.isEmpty() || a.topics().stream().anyMatch(names::contains))
                        .sorted(org.feedloom.topic.TopicIndex.NEWEST_FIRST).toList();
                TopicList list = new TopicList(store, names, expected.size(), 7);
                List<Article> byIndex = new java.util.ArrayList<>();
                for (int i = expected.size() - 1; i >= 0; i--) { // the deepest block first
                    byIndex.add(0, list.get(i));
                }
                assertEquals(expected, byIndex, names + ": every index");
                assertEquals(expected.subList(5, 30), list.subList(5, 30), names + ": a run across blocks");
                assertEquals(expected, new java.util.ArrayList<>(list), names + ": iterated");
            }
            TopicList counted = new TopicList(store, List.of(), articles.size() + 3, 7);
            assertEquals(articles.size(), counted.subList(0, articles.size() + 3).size(), "the rows there are");
            assertThrows(IndexOutOfBoundsException.class, () -> counted.get(articles.size() + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> counted.get(articles.size() + 3));
        }
    }
}
