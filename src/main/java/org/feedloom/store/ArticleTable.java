package org.feedloom.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;

/**
 * The articles snapshot, written: the {@code article} table (every field, a content hash) and {@code article_alias}
 * (the alias keys, in order, for lookups) and {@code article_topic} (each article under every topic name it lists
 * and under {@link #ALL}, by time, so that the newest of a topic are read without reading them all); {@link
 * TopicPages} reads it through those indexes. Static SQL over a connection the caller holds, inside its transaction.
 */
final class ArticleTable {
    static final String COLUMNS = "key, url, aliases, title, excerpt, content, published, updated, provider, "
            + "topics, categories, images, related, author, feeds, provenance, origin, fact_category, fact_type, "
            + "fact_quality, fact_heat, fact_published";
    static final int COLUMN_COUNT = 22;
    /** Where {@link #SELECTED} reads an article row: its item's texts beside it. */
    static final String FROM = "article a LEFT JOIN item i ON i.source_id = a.text_source "
            + "AND i.key = a.text_key";

    /** The {@code article_topic} name under which every article is listed (no topic name is empty). */
    static final String ALL = "";

    private ArticleTable() {}

    /**
     * Makes the snapshot equal {@code articles}: an article whose content hash equals its stored row's is not
     * touched, a new or changed one is rewritten, one whose key is not in the list is deleted. The stored hashes are
     * read {@link Sql#KEYS_AT_ONCE} articles at a time, and the stored keys walked only when some row is not one of
     * the articles': a sync after a restart compares every article of the archive, and the table's keys and hashes
     * read at once held about 250 MB at a million articles.
     *
     * @throws IllegalArgumentException if two articles have the same key
     */
    static Void sync(Connection c, List<Article> articles) throws SQLException {
        return apply(c, plan(c, articles));
    }

    /**
     * What {@link #sync} writes to make the snapshot equal some articles: the keys of the rows to delete (not among
     * the articles), the articles whose rows differ from theirs, the articles without a row.
     */
    record Plan(List<String> gone, List<Article> changed, List<Article> added) {}

    /**
     * The {@link Plan} of a {@link #sync} to {@code articles}, from the rows {@code c} sees: reads only, so it may run
     * in a read transaction before the write that {@link #apply applies} it, when nothing else writes the snapshot in
     * between.
     *
     * @throws IllegalArgumentException if two articles have the same key
     */
    static Plan plan(Connection c, List<Article> articles) throws SQLException {
        DistinctKeys keys = new DistinctKeys(articles);
        List<Article> changed = new ArrayList<>();
        List<Article> added = new ArrayList<>();
        int found = 0;
        SharedTexts shared = new SharedTexts();
        for (List<Article> run : Sql.runs(articles, Sql.KEYS_AT_ONCE)) {
            Map<String, String> stored = hashesOf(c, run);
            found += stored.size();
            for (Article a : run) {
                String before = stored.get(a.key()); // a new article is written without hashing it here
                if (before == null) {
                    added.add(a);
                } else if (!hash(a, shared).equals(before)) { // by its texts' lengths and hashes
                    changed.add(a);
                }
            }
        }
        // rows of articles no longer in the snapshot
        List<String> gone = found < count(c) ? keysNotIn(c, keys) : List.of();
        return new Plan(gone, changed, added);
    }

    /** Writes a {@link #plan}: deletes its gone rows, then writes its changed and added articles. */
    static Void apply(Connection c, Plan plan) throws SQLException {
        try (Writes writes = new Writes(c)) {
            for (String key : plan.gone()) {
                writes.delete(key);
            }
            for (Article a : plan.changed()) {
                writes.delete(a.key());
                writes.insert(a);
            }
            for (Article a : plan.added()) { // a first cycle's articles are all new: nothing to delete
                writes.insert(a);
            }
            writes.flush();
        }
        return null;
    }

    /**
     * The articles' keys, checked to be distinct, to look stored keys up among: sorted by their hashes (a sort of
     * numbers; sorting a million keys as strings, most of them alike for their first twenty characters, was 3.5% of a
     * million-article restart), each run of equal hashes compared as strings.
     */
    private static final class DistinctKeys {
        private final int[] hashes;
        private final String[] keys;

        /** @throws IllegalArgumentException if two articles have the same key */
        DistinctKeys(List<Article> articles) {
            long[] order = new long[articles.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = ((long) articles.get(i).key().hashCode() << 32) | i; // by hash, then position
            }
            Arrays.sort(order);
            hashes = new int[order.length];
            keys = new String[order.length];
            for (int i = 0; i < order.length; i++) {
                hashes[i] = (int) (order[i] >> 32);
                keys[i] = articles.get((int) order[i]).key();
                for (int j = i - 1; j >= 0 && hashes[j] == hashes[i]; j--) {
                    if (keys[j].equals(keys[i])) {
                        throw new IllegalArgumentException("store: two articles with key " + keys[i]);
                    }
                }
            }
        }

        boolean contains(String key) {
            int hash = key.hashCode();
            int at = Arrays.binarySearch(hashes, hash);
            if (at < 0) {
                return false;
            }
            while (at > 0 && hashes[at - 1] == hash) {
                at--;
            }
            for (; at < hashes.length && hashes[at] == hash; at++) {
                if (keys[at].equals(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The content hashes of the rows of {@code run}'s articles, by key (none for an article without a row). */
    private static Map<String, String> hashesOf(Connection c, List<Article> run) throws SQLException {
        Map<String, String> hashes = new HashMap<>(run.size() * 2);
        try (PreparedStatement p = c.prepareStatement("SELECT key, hash FROM article WHERE key IN ("
                + Sql.marks(run.size()) + ")")) {
            Sql.setStrings(p, 1, run.stream().map(Article::key).toList());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    hashes.put(r.getString(1), r.getString(2));
                }
            }
        }
        return hashes;
    }

    /** How many article rows there are. */
    private static int count(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM article");
             ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** The keys of the article rows that are not among {@code keys}, read a row at a time. */
    private static List<String> keysNotIn(Connection c, DistinctKeys keys) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT key FROM article");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String key = r.getString(1);
                if (!keys.contains(key)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /**
     * What {@link #sync} does, from what changed since the last sync, which left the table as the caller knows it:
     * deletes the rows of the change's {@link ArticleStore.Change#goneKeys}, then writes its changed articles; reads
     * nothing else.
     */
    static Void syncChange(Connection c, ArticleStore.Change change) throws SQLException {
        try (Writes writes = new Writes(c)) {
            for (String key : change.goneKeys()) {
                writes.delete(key);
            }
            for (Article a : change.changed()) {
                writes.insert(a);
            }
            writes.flush();
        }
        return null;
    }

    /**
     * Empties the snapshot, every row of its three tables (orphans included), then writes {@code articles}: what
     * {@link #sync} leaves, trusting nothing the tables held.
     *
     * @throws IllegalArgumentException if two articles have the same key
     */
    static Void rewrite(Connection c, List<Article> articles) throws SQLException {
        new DistinctKeys(articles); // refused before anything is deleted
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM article_topic");
            s.execute("DELETE FROM article_alias");
            s.execute("DELETE FROM article");
        }
        return apply(c, new Plan(List.of(), List.of(), articles)); // every article new to the emptied table
    }

    /**
     * The statements a sync writes with, prepared once for all its articles (preparing them per article cost more
     * than the writes), run in batches: the deletes, then the articles, then their alias keys and topic rows, every
     * {@link #BATCH} articles and at {@link #flush}. Each article's statements were a round trip each to the
     * database. An article's key is deleted before it is written again: the keys of one sync are distinct.
     *
     * <p>An article whose excerpt or content is the text of one of its members' stored item ({@link ItemText}) names
     * that item instead of holding a copy, when the item has that text as the transaction sees it, by the hash its
     * row keeps ({@link ItemText#hash}; the merge may have read a member that a fetch has changed or retention
     * deleted since); the item's texts are copied back into the row before the item is deleted or written with
     * other texts ({@link ItemTable.Writer}), so a row always shows the texts it was synced with.
     */
    private static final class Writes implements AutoCloseable {
        /** The most articles written in one batch. */
        static final int BATCH = 500;
        private final Connection connection;
        private final PreparedStatement delete;
        private final PreparedStatement article;
        private final PreparedStatement alias;
        private final PreparedStatement topic;
        /** The articles to write at the next {@link #flush}, each with the item that may show its texts. */
        private final List<Article> pending = new ArrayList<>();
        private final List<ItemText> named = new ArrayList<>();
        /** The texts of the values the articles written share, written once ({@link SharedTexts}). */
        private final SharedTexts shared = new SharedTexts();

        Writes(Connection c) throws SQLException {
            connection = c;
            delete = c.prepareStatement("DELETE FROM article WHERE key = ?");
            article = c.prepareStatement("INSERT INTO article (" + COLUMNS + ", text_source, text_key, text_of, "
                    + "hash) VALUES (" + "?, ".repeat(COLUMN_COUNT + 3) + "?)");
            alias = c.prepareStatement("INSERT INTO article_alias (article_key, position, alias_key) VALUES (?, ?, ?)");
            topic = c.prepareStatement(INSERT_TOPIC);
        }

        /** Deletes an article; its alias keys and topic rows go with it (foreign keys, on delete cascade). */
        void delete(String key) throws SQLException {
            delete.setString(1, key);
            delete.addBatch();
        }

        /** Writes an article's row, its alias keys and its topic rows (in batches). */
        void insert(Article a) throws SQLException {
            pending.add(a);
            named.add(ItemText.of(a));
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        /**
         * Runs the batches: the deletes, then the articles (their named items' texts checked in one read, the texts
         * they do not name read back at once where they were let go), then their alias keys and topic rows.
         */
        void flush() throws SQLException {
            Map<String, ItemTexts> stored = storedTexts(named);
            List<ItemText> shown = new ArrayList<>(pending.size());
            List<Body> own = new ArrayList<>(); // the texts the rows hold themselves: the only ones read
            for (int i = 0; i < pending.size(); i++) {
                Article a = pending.get(i);
                ItemText text = named.get(i);
                ItemText still = text == null ? null
                        : stillStored(text, a, stored.get(text.sourceId() + '\n' + text.itemKey()));
                shown.add(still);
                own.add(still != null && still.excerpt() ? null : a.excerptBody());
                own.add(still != null && still.content() ? null : a.body());
            }
            try (Body.Held held = Body.hold(own)) {
                for (int i = 0; i < pending.size(); i++) {
                    add(pending.get(i), shown.get(i));
                }
            }
            pending.clear();
            named.clear();
            delete.executeBatch();
            article.executeBatch();
            alias.executeBatch();
            topic.executeBatch();
        }

        /** Adds an article's row; {@code text}, when not null, names the item showing some of its texts. */
        private void add(Article a, ItemText text) throws SQLException {
            Object[] row = row(a, body -> null, shared);
            if (text == null || !text.excerpt()) { // else the row names the item's, and holds none
                row[EXCERPT - 1] = Body.textOf(a.excerptBody());
            }
            if (text == null || !text.content()) {
                row[CONTENT - 1] = Body.textOf(a.body());
            }
            bind(article, row);
            if (text != null) {
                article.setString(COLUMN_COUNT + 1, text.sourceId());
                article.setString(COLUMN_COUNT + 2, text.itemKey());
                article.setInt(COLUMN_COUNT + 3, text.of());
            } else {
                for (int i = 1; i <= 3; i++) {
                    article.setNull(COLUMN_COUNT + i, Types.NULL);
                }
            }
            article.setString(COLUMN_COUNT + 4, hash(row, a));
            article.addBatch();
            List<String> aliasKeys = a.aliasKeys();
            for (int i = 0; i < aliasKeys.size(); i++) {
                alias.setString(1, a.key());
                alias.setInt(2, i);
                alias.setString(3, aliasKeys.get(i));
                alias.addBatch();
            }
            addTopicRows(topic, a.key(), a.topics(), nanos(a.published()), nanos(a.updated()));
        }

        /** The lengths and hashes an item row keeps of its texts (null where it has none). */
        private record ItemTexts(Integer excerptLength, Long excerptHash, Integer contentLength, Long contentHash) {}

        /**
         * The texts' lengths and hashes of the items {@code texts} name, as the transaction sees them, by source id and
         * key joined by a newline; one query for them all (a query an article cost a quarter of a first cycle's sync).
         */
        private Map<String, ItemTexts> storedTexts(List<ItemText> texts) throws SQLException {
            List<ItemText> asked = texts.stream().filter(Objects::nonNull).toList();
            Map<String, ItemTexts> found = new HashMap<>(asked.size() * 2);
            if (asked.isEmpty()) {
                return found;
            }
            String pairs = String.join(", ", Collections.nCopies(asked.size(), "(?, ?)"));
            try (PreparedStatement p = connection.prepareStatement("SELECT source_id, key, excerpt_length, excerpt_hash, "
                    + "content_length, content_hash FROM item WHERE (source_id, key) IN (VALUES " + pairs + ")")) {
                int i = 1;
                for (ItemText t : asked) {
                    p.setString(i++, t.sourceId());
                    p.setString(i++, t.itemKey());
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString("source_id") + '\n' + r.getString("key"), new ItemTexts(
                                Sql.getInteger(r, "excerpt_length"), Sql.getLong(r, "excerpt_hash"),
                                Sql.getInteger(r, "content_length"), Sql.getLong(r, "content_hash")));
                    }
                }
            }
            return found;
        }

        /**
         * {@code text} as far as its item, as stored now ({@code stored}, null when there is no such row), has the
         * article's texts: the merge may have read an item that a fetch has changed or retention deleted since; null
         * when it has none of them. Compared by the lengths and hashes the item's row keeps ({@link ItemText#hash}).
         */
        private static ItemText stillStored(ItemText text, Article a, ItemTexts stored) {
            if (stored == null) {
                return null;
            }
            int of = (text.excerpt() && has(stored.excerptLength(), stored.excerptHash(), a.excerptBody())
                    ? ItemText.EXCERPT : 0)
                    | (text.content() && has(stored.contentLength(), stored.contentHash(), a.body()) ? ItemText.CONTENT : 0);
            return of == 0 ? null : new ItemText(text.sourceId(), text.itemKey(), of);
        }

        /** Whether a stored length and hash are those of {@code text}. */
        private static boolean has(Integer length, Long hash, Body text) {
            return length != null && hash != null && length == text.length() && hash.longValue() == ItemText.hash(text);
        }

        @Override
        public void close() throws SQLException {
            try (delete; article; alias; topic) {
                // closed in reverse order
            }
        }
    }

    /** Every article of the snapshot, newest published first, then by key. */
    static List<Article> all(Connection c) throws SQLException {
        List<Article> articles = new ArrayList<>(byKey(c, null).values());
        articles.sort((x, y) -> {
            int byTime = y.published().compareTo(x.published());
            return byTime != 0 ? byTime : x.key().compareTo(y.key());
        });
        return articles;
    }

    /** {@link #byKey} of any number of keys, {@link Sql#KEYS_AT_ONCE} a pair of statements. */
    static Map<String, Article> byKeys(Connection c, java.util.Collection<String> keys) throws SQLException {
        Map<String, Article> found = new HashMap<>();
        for (List<String> some : Sql.runs(List.copyOf(keys), Sql.KEYS_AT_ONCE)) {
            found.putAll(byKey(c, some));
        }
        return found;
    }

    /**
     * The articles of the snapshot published on the days from {@code fromDay} until before {@code untilDay} (UTC
     * dates, {@code YYYY-MM-DD}: the first characters of every instant of the day as the rows keep it), in no order,
     * with what the related coverage reads of the days it takes in and nothing else: their link, title, publication,
     * provider, feeds, origin and texts, the texts an item keeps let go from the start (read from {@code bodies} when
     * asked for); their key their only alias key, their update their publication, no topics, categories, images,
     * related links, author, provenance or facts. A taking in reads every article of a year's days at a restart's
     * first change, and the rest of a row (its lists as JSON) cost as much to read as the row itself.
     */
    static List<Article> publishedOn(Connection c, Body.Source bodies, String fromDay, String untilDay)
            throws SQLException {
        List<Article> found = new ArrayList<>();
        DamagedRows damaged = new DamagedRows("article");
        try (PreparedStatement p = c.prepareStatement("SELECT " + SELECTED_FOR_COVERAGE + " FROM " + FROM
                + " WHERE a.published >= ? AND a.published < ?")) {
            p.setString(1, fromDay);
            p.setString(2, untilDay);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String key = r.getString("key");
                    Article a = damaged.read(() -> "the article row under key " + key, () -> {
                        Row row = new Row(r);
                        int of = r.getInt("text_of");
                        Instant published = row.published();
                        return new Article(key, row.text("url"), List.of(key), List.of(), row.title(),
                                (of & 1) != 0 ? itemText(r, bodies, Body.Part.EXCERPT) : Body.of(row.excerpt()),
                                (of & 2) != 0 ? itemText(r, bodies, Body.Part.CONTENT) : Body.of(row.content()),
                                published, published, row.provider(), List.of(), List.of(), List.of(), List.of(),
                                null, ModelJson.feeds(row.text("feeds")), List.of(), row.origin(), SeedFacts.NONE);
                    });
                    if (a != null) {
                        found.add(a);
                    }
                }
            }
        }
        return found;
    }

    /** The {@code part} of the item a row of {@link #SELECTED_FOR_COVERAGE} names, let go; null if it has none. */
    private static Body itemText(ResultSet r, Body.Source bodies, Body.Part part) throws SQLException {
        boolean excerpt = part == Body.Part.EXCERPT;
        int length = r.getInt(excerpt ? "excerpt_length" : "content_length");
        if (r.wasNull()) {
            return null; // no such item, or the item has no such text: the row shows none
        }
        return Body.stored(bodies, r.getString("text_source"), r.getString("text_key"), part, length,
                r.getLong(excerpt ? "excerpt_hash" : "content_hash"));
    }

    /**
     * What the rows of {@code keys} hold of what matters to a rebuild, by key (those without a row left out): their
     * topic names, content hashes and publication, read without the rows' other columns, {@link Sql#KEYS_AT_ONCE} a statement.
     */
    static Map<String, ArticleStore.PublishedRow> publishedRows(Connection c, java.util.Collection<String> keys)
            throws SQLException {
        Map<String, ArticleStore.PublishedRow> found = new HashMap<>();
        for (List<String> some : Sql.runs(List.copyOf(keys), Sql.KEYS_AT_ONCE)) {
            try (PreparedStatement p = c.prepareStatement("SELECT key, topics, hash, published FROM article "
                    + "WHERE key IN (" + Sql.marks(some.size()) + ")")) {
                Sql.setStrings(p, 1, some);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getString(1), new ArticleStore.PublishedRow(ModelJson.strings(r.getString(2)),
                                r.getString(3), ModelJson.instant(r.getString(4))));
                    }
                }
            }
        }
        return found;
    }

    /**
     * The articles of the rows of {@code keys}, or of every row when {@code keys} is null, by key (those without a
     * row left out), each with its alias keys in order: two statements.
     */
    static Map<String, Article> byKey(Connection c, List<String> keys) throws SQLException {
        String among = keys == null ? "" : " IN (" + Sql.marks(keys.size()) + ")";
        Map<String, List<String>> aliasKeys = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT article_key, alias_key FROM article_alias"
                + (keys == null ? "" : " WHERE article_key" + among) + " ORDER BY article_key, position")) {
            if (keys != null) {
                Sql.setStrings(p, 1, keys);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    aliasKeys.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        Map<String, Article> articles = new HashMap<>();
        DamagedRows damaged = new DamagedRows("article"); // a page without it until the article is written again
        try (PreparedStatement p = c.prepareStatement("SELECT " + SELECTED + " FROM " + FROM
                + (keys == null ? "" : " WHERE a.key" + among))) {
            if (keys != null) {
                Sql.setStrings(p, 1, keys);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String key = r.getString("key");
                    Article a = damaged.read(() -> "the article row under key " + key,
                            () -> read(r, aliasKeys.getOrDefault(key, List.of())));
                    if (a != null) {
                        articles.put(key, a);
                    }
                }
            }
        }
        return articles;
    }

    /** Sets {@code row}'s values as the first parameters of {@code p}. */
    static void bind(PreparedStatement p, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                p.setNull(i + 1, Types.NULL);
            } else {
                p.setObject(i + 1, row[i]);
            }
        }
    }

    /**
     * {@link #COLUMNS} of an article row read {@link #FROM} its item: the excerpt and content the item's where the
     * row names it for them ({@link ItemText}), the row's own otherwise.
     */
    static final String SELECTED = Arrays.stream(COLUMNS.split(", ")).map(column -> switch (column) {
        case "excerpt" -> "CASE WHEN a.text_of IN (1, 3) THEN i.excerpt ELSE a.excerpt END AS excerpt";
        case "content" -> "CASE WHEN a.text_of IN (2, 3) THEN i.content ELSE a.content END AS content";
        default -> "a." + column;
    }).collect(Collectors.joining(", "));

    /**
     * What {@link #publishedOn} reads of an article row: the columns the related coverage reads, the texts an item
     * keeps left out, and where and how long those are.
     */
    private static final String SELECTED_FOR_COVERAGE = "a.key, a.url, a.title, a.published, a.provider, a.feeds, "
            + "a.origin, CASE WHEN a.text_of IN (1, 3) THEN NULL ELSE a.excerpt END AS excerpt, "
            + "CASE WHEN a.text_of IN (2, 3) THEN NULL ELSE a.content END AS content, a.text_source, a.text_key, "
            + "a.text_of, i.excerpt_length, i.excerpt_hash, i.content_length, i.content_hash";
    /** The parameter positions of the excerpt and content in {@link #COLUMNS}. */
    private static final int EXCERPT = List.of(COLUMNS.split(", ")).indexOf("excerpt") + 1;
    private static final int CONTENT = List.of(COLUMNS.split(", ")).indexOf("content") + 1;

    /** The column values of an article, in {@link #COLUMNS} order: strings, integers or null. */
    static Object[] row(Article a) {
        return row(a, Body::textOf, SharedTexts.NONE);
    }

    /**
     * The texts of the values many articles share (one source's feed and provenance lists and provider, the topic
     * rules' assigned lists, a source's categories), written once a sync and found by the object: a start's first
     * sync writes out and hashes every merged article's row, and the lists and provider of a thousand articles of one
     * source are one object each (the store reads a source's equal values as one). They are immutable, so one object
     * has one text.
     */
    static final class SharedTexts {
        /** Nothing remembered: each value written out. */
        static final SharedTexts NONE = new SharedTexts(null);
        private final Map<Object, String> written;

        private SharedTexts(Map<Object, String> written) {
            this.written = written;
        }

        /** For one sync. */
        SharedTexts() {
            this(new java.util.IdentityHashMap<>());
        }

        <T> String of(List<T> list, Function<List<T>, String> json) {
            return written == null || list.isEmpty() ? json.apply(list)
                    : written.computeIfAbsent(list, l -> json.apply(list));
        }

        /** The provider's text ({@link ModelJson#provider(Provider)}); null for none. */
        String of(Provider provider) {
            return written == null || provider == null ? ModelJson.provider(provider)
                    : written.computeIfAbsent(provider, p -> ModelJson.provider(provider));
        }
    }

    /** {@link #row(Article)} with the excerpt and content given by {@code text} (null for a column left empty). */
    static Object[] row(Article a, Function<Body, Object> text) {
        return row(a, text, SharedTexts.NONE);
    }

    /** {@link #row(Article)} with the excerpt and content given by {@code text}. */
    private static Object[] row(Article a, Function<Body, Object> text, SharedTexts shared) {
        SeedFacts f = a.facts();
        return new Object[] {a.key(), a.url(), ModelJson.strings(a.aliases()), a.title(), text.apply(a.excerptBody()),
                text.apply(a.body()), ModelJson.instant(a.published()), ModelJson.instant(a.updated()),
                shared.of(a.provider()), shared.of(a.topics(), ModelJson::strings),
                shared.of(a.categories(), ModelJson::strings), ModelJson.images(a.images()),
                ModelJson.links(a.related()), a.author(), shared.of(a.feeds(), ModelJson::feeds),
                shared.of(a.provenance(), ModelJson::strings), a.origin().name(), f.category(), f.type(), f.quality(),
                f.heat(), f.published() == null ? null : f.published() ? 1 : 0};
    }

    private static final String INSERT_TOPIC =
            "INSERT INTO article_topic (topic, updated, published, article_key) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING";

    /**
     * Adds to {@code p}'s batch the {@code article_topic} rows of one article: one under
     * {@value #ALL}, one under each of its topic names.
     */
    private static void addTopicRows(PreparedStatement p, String key, List<String> topics, long published,
                                     long updated) throws SQLException {
        List<String> all = new ArrayList<>(topics.size() + 1);
        all.add(ALL);
        all.addAll(topics);
        for (String topic : all) {
            p.setString(1, topic);
            p.setLong(2, updated);
            p.setLong(3, published);
            p.setString(4, key);
            p.addBatch();
        }
    }

    /** Fills {@code article_topic} from the stored articles (schema migration 3, for a snapshot written before it). */
    static void indexTopics(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT key, topics, published, updated FROM article");
             ResultSet r = read.executeQuery();
             PreparedStatement insert = c.prepareStatement(INSERT_TOPIC)) {
            while (r.next()) {
                addTopicRows(insert, r.getString(1), ModelJson.strings(r.getString(2)),
                        nanos(ModelJson.instant(r.getString(3))), nanos(ModelJson.instant(r.getString(4))));
            }
            insert.executeBatch();
        }
    }

    /** Nanoseconds since the epoch, saturated outside the years 1677–2262 (an order, not a date, is kept). */
    private static long nanos(java.time.Instant i) {
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            return i.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The article of the current row of {@code r}, which has {@link #COLUMNS}, with {@code aliasKeys}. */
    static Article read(ResultSet r, List<String> aliasKeys) throws SQLException {
        Row row = new Row(r);
        return read(r, aliasKeys, Body.of(row.excerpt()), Body.of(row.content()));
    }

    /** {@link #read(ResultSet, List)} with the given excerpt and content in place of the row's. */
    static Article read(ResultSet r, List<String> aliasKeys, Body excerpt, Body content) throws SQLException {
        Row row = new Row(r);
        return new Article(row.text("key"), row.text("url"), aliasKeys, row.strings("aliases"), row.title(),
                excerpt, content, row.published(), row.updated(),
                row.provider(), row.topics(), row.categories(), row.images(),
                ModelJson.links(row.text("related")), row.text("author"), ModelJson.feeds(row.text("feeds")),
                row.strings("provenance"), row.origin(), Sql.getFacts(r));
    }

    /**
     * SHA-256 over every column value of an article's row and its alias keys, each length-prefixed so no two rows
     * hash alike by accident; its excerpt and content by their lengths and hashes ({@link Body#textHash}), so that
     * comparing an article with its stored row reads no text.
     */
    static String hash(Article a) {
        return hash(a, SharedTexts.NONE);
    }

    /** {@link #hash(Article)}, the texts of shared values taken from {@code shared}. */
    private static String hash(Article a, SharedTexts shared) {
        return hash(row(a, text -> null, shared), a); // the texts' places are filled by their lengths and hashes
    }

    /** {@link #hash(Article)} of {@code a} from its {@link #row(Article) row}, whatever the row holds as its texts. */
    private static String hash(Object[] row, Article a) {
        Object[] identified = row.clone();
        identified[EXCERPT - 1] = identity(a.excerptBody());
        identified[CONTENT - 1] = identity(a.body());
        return sha256(identified, a.aliasKeys());
    }

    /** What a row's hash covers of a text: its length and hash. */
    private static Object identity(Body text) {
        return text == null ? null : "body " + text.length() + " " + text.textHash();
    }

    /** A SHA-256 digest to clone: looking one up by name for each article cost more than cloning it. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The digest of every value of {@code row}, then of {@code aliasKeys}, each as {@code -} (none) or its kind
     * ({@code i} for a number, {@code s} otherwise), its length in characters, {@code :} and its UTF-8 bytes, in hex:
     * the bytes fed to the digest one part at a time, without making each value's string first (these are the bytes
     * stored rows were hashed by since their hash column came; changing them would rewrite every row once).
     */
    private static String sha256(Object[] row, List<String> aliasKeys) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
        for (Object v : row) {
            update(sha, v);
        }
        for (String k : aliasKeys) {
            update(sha, k);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, Object v) {
        if (v == null) {
            sha.update((byte) '-');
            return;
        }
        String text = v.toString();
        sha.update((byte) (v instanceof Integer ? 'i' : 's'));
        String length = Integer.toString(text.length());
        for (int i = 0; i < length.length(); i++) {
            sha.update((byte) length.charAt(i));
        }
        sha.update((byte) ':');
        sha.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
