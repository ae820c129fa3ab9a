package org.feedloom.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Checks;
import org.feedloom.model.Item;
import org.feedloom.model.SharedLists;
import org.feedloom.model.Source;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;

/**
 * Assigns topics to articles, decides every topic's slug, and groups the articles into a {@link Catalog}.
 *
 * <p>An article's topics are its own ∪ the topics whose name or alias equals one of its categories
 * (case-insensitive) ∪ the topics with a keyword found in its title, excerpt or categories (case-insensitive,
 * on word boundaries), less the topics with an {@code exclude} keyword found the same way.
 *
 * <p>The slug of a topic name ({@link #slugOf}) — a configured topic's name or alias, or a name a seed or source
 * gives — is the one rule of slugs: a name whose own slug ({@link Topic#slugOf}: so also a name equal to it
 * ignoring case) is a configured topic's slug, the slug of its name or of one of its aliases is that topic's,
 * shown by the configured name; any other name has its own slug and is shown as given. Configured slugs come
 * first, then names' slugs, then aliases' slugs, each in configuration order, should two topics claim one. The
 * slugs of names and aliases that are not their topic's slug are its former slugs ({@link Catalog#movedTo}).
 *
 * <p>Immutable and thread-safe once built; pure.
 */
public final class TopicIndex {
    /**
     * Newest first: by updated, then published, then key, so that the order is total and stable. Written out rather
     * than composed from {@code Comparator.comparing}: a rebuild sorts every article it touched with it.
     */
    public static final Comparator<Article> NEWEST_FIRST = (a, b) -> {
        int byUpdated = b.updated().compareTo(a.updated());
        if (byUpdated != 0) {
            return byUpdated;
        }
        int byPublished = b.published().compareTo(a.published());
        return byPublished != 0 ? byPublished : a.key().compareTo(b.key());
    };

    /** From how many articles {@link #sortNewestFirst} sorts them by copies of their dates. */
    private static final int SORTED_BY_DATES = 1_000;

    /**
     * Sorts {@code articles} in {@link #NEWEST_FIRST} order, as {@code articles.sort(NEWEST_FIRST)} does, but, from
     * {@value #SORTED_BY_DATES} articles on, by a copy of each article's dates in a small object of its own: the
     * comparisons then read those, made one after the other and so side by side in memory, instead of two articles
     * and four dates wherever they are in the heap. A restart sorts its whole archive (a million articles: about 8% of
     * the restart's samples, 3.5-4.5% so).
     */
    public static void sortNewestFirst(List<Article> articles) {
        if (articles.size() < SORTED_BY_DATES) {
            articles.sort(NEWEST_FIRST);
            return;
        }
        Dated[] dated = new Dated[articles.size()];
        for (int i = 0; i < dated.length; i++) {
            dated[i] = new Dated(articles.get(i));
        }
        Arrays.sort(dated);
        for (int i = 0; i < dated.length; i++) {
            articles.set(i, dated[i].article);
        }
    }

    /** An article with its dates, compared as {@link #NEWEST_FIRST} compares articles. */
    private static final class Dated implements Comparable<Dated> {
        private final long updatedSecond;
        private final long publishedSecond;
        private final int updatedNano;
        private final int publishedNano;
        private final Article article;

        Dated(Article article) {
            this.updatedSecond = article.updated().getEpochSecond();
            this.updatedNano = article.updated().getNano();
            this.publishedSecond = article.published().getEpochSecond();
            this.publishedNano = article.published().getNano();
            this.article = article;
        }

        @Override
        public int compareTo(Dated o) {
            if (updatedSecond != o.updatedSecond) {
                return updatedSecond > o.updatedSecond ? -1 : 1;
            }
            if (updatedNano != o.updatedNano) {
                return updatedNano > o.updatedNano ? -1 : 1;
            }
            if (publishedSecond != o.publishedSecond) {
                return publishedSecond > o.publishedSecond ? -1 : 1;
            }
            if (publishedNano != o.publishedNano) {
                return publishedNano > o.publishedNano ? -1 : 1;
            }
            return article.key().compareTo(o.article.key());
        }
    }

    private final List<CompiledRule> rules = new ArrayList<>();
    /** Every configured topic under each slug that names it: its slug, its name's, its aliases'. */
    private final Map<String, TopicRule> ruleBySlug = new HashMap<>();
    /** Former slug → slug: the slugs of names and aliases that are not their topic's slug. */
    private final Map<String, String> moved = new HashMap<>();
    /** The topic names seen (a handful), resolved: {@link Topic#slugOf} normalises Unicode, and ran per article. */
    private final ConcurrentHashMap<String, Topic> resolved = new ConcurrentHashMap<>();
    /**
     * The topic lists assigned so far, each held once: the articles of an archive carry a few combinations of a
     * few topics.
     */
    private final SharedLists topicLists = new SharedLists(4_096);

    /** The name of how these rules read texts ({@link #reading}). */
    private final String reading;

    public TopicIndex(List<TopicRule> topicRules) {
        topicRules.forEach(rule -> ruleBySlug.putIfAbsent(rule.slug(), rule));
        topicRules.forEach(rule -> claim(rule.nameSlug(), rule));
        topicRules.forEach(rule -> rule.aliases().forEach(alias -> claim(Topic.slugOf(alias), rule)));
        StringBuilder read = new StringBuilder();
        for (TopicRule rule : topicRules) {
            CompiledRule compiled = new CompiledRule(rule, labels(rule), Keywords.of(rule.keywords()),
                    Keywords.of(rule.exclude()));
            rules.add(compiled);
            read.append(compiled.labels).append('\u0001').append(rule.keywords()).append('\u0001')
                    .append(rule.exclude()).append('\u0002');
        }
        reading = READING_VERSION + Long.toHexString(Body.hashOf(read.toString())) + "/" + rules.size();
    }

    /**
     * The version of {@link #read}'s way of reading, in every {@link #reading} name: to be raised whenever what a
     * rule matches in a text changes ({@link Keywords}, the labels, the text read), so that no reading kept by an
     * earlier build is taken.
     */
    private static final String READING_VERSION = "topic-rules/1/";

    /**
     * The name of how these rules read a text ({@link #read}): equal for two indexes exactly when their rules match
     * and exclude the same texts at the same positions (the same labels, keywords and excludes, in the same order),
     * whatever their names and slugs. A {@link TopicReading} kept under another name is not one of these rules'.
     */
    public String reading() {
        return reading;
    }

    private static final int[] NONE = new int[0];

    /**
     * Whether {@link #read} reads articles' texts: not when there are no rules, so that nothing it would read need be
     * kept or read back.
     */
    public boolean readsTexts() {
        return !rules.isEmpty();
    }

    /**
     * Whether {@code reading} could be one of these rules': it names only rules these rules have, each once and in
     * order. A reading kept under these rules' name always is; one that is not (a damaged row) is not to be taken.
     */
    public boolean fits(TopicReading reading) {
        return ascendingBelow(reading.heldMatched(), rules.size())
                && ascendingBelow(reading.heldExcluded(), rules.size());
    }

    private static boolean ascendingBelow(int[] positions, int limit) {
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < (i == 0 ? 0 : positions[i - 1] + 1) || positions[i] >= limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name by content of what {@link #read} reads of an article: its title, its excerpt (by length and hash,
     * which a body the store keeps has without reading it) and its categories, mixed into 64 bits.
     */
    public static long textOf(Article article) {
        long h = mix(Body.hashOf(article.title()) ^ 0x2545F4914F6CDD1DL);
        Body excerpt = article.excerptBody();
        h = mix(h ^ (excerpt == null ? -1 : excerpt.length()));
        h = mix(h ^ (excerpt == null ? 0 : excerpt.textHash()));
        for (String category : article.categories()) {
            h = mix(h ^ Body.hashOf(category));
        }
        return mix(h ^ article.categories().size());
    }

    /** The finaliser of SplitMix64: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * What these rules read from {@code article}'s title, excerpt (read, if the store keeps it) and categories: the
     * rules whose topic it matches, by one of its categories or a keyword, and those whose {@code exclude} keywords
     * it holds.
     */
    public TopicReading read(Article article) {
        if (rules.isEmpty()) {
            return new TopicReading(textOf(article), NONE, NONE);
        }
        Set<String> categories = new java.util.HashSet<>();
        article.categories().forEach(c -> categories.add(c.strip().toLowerCase(Locale.ROOT)));
        Keywords.Text text = new Keywords.Text(Keywords.text(article.title(), article.excerpt(), article.categories()));
        int[] matched = new int[rules.size()];
        int[] excluded = new int[rules.size()];
        int m = 0;
        int x = 0;
        for (int at = 0; at < rules.size(); at++) {
            CompiledRule rule = rules.get(at);
            if (rule.labels.stream().anyMatch(categories::contains) || rule.keywords.foundIn(text)) {
                matched[m++] = at;
            }
            if (!rule.exclude.isEmpty() && rule.exclude.foundIn(text)) {
                excluded[x++] = at;
            }
        }
        return new TopicReading(textOf(article), Arrays.copyOf(matched, m), Arrays.copyOf(excluded, x));
    }

    private void claim(String slug, TopicRule rule) {
        if (!slug.equals(Topic.ALL_SLUG) && ruleBySlug.putIfAbsent(slug, rule) == null && !slug.equals(rule.slug())) {
            moved.put(slug, rule.slug());
        }
    }

    /**
     * The items of {@code source} with the source's configured topics added to each, after the item's own (no
     * duplicates): the names of those topics then go through the rules like any other. Pure; the list is not
     * modified.
     */
    public static List<Item> withSourceTopics(Source source, List<Item> items) {
        return source.topics().isEmpty() ? items : items.stream().map(i -> i.withTopics(source.topics())).toList();
    }

    /** The slug of a topic name (see the class comment). */
    public String slugOf(String topicName) {
        return resolve(topicName).slug();
    }

    /**
     * The article with its topic list extended by the rules (own topics first, no duplicate slugs), less every
     * topic whose {@code exclude} keywords it matches (whatever put it there).
     */
    public Article assign(Article article) {
        return assign(article, read(article), null);
    }

    /** Every article {@link #assign assigned}, in the same order, with what the topic excludes kept out. */
    public Assigned assignAll(List<Article> articles) {
        return assignAll(articles, this::read);
    }

    /**
     * {@link #assignAll(List)} by what {@code readings} gives for each article: its text read by these rules
     * ({@link #read}), or a reading of it kept from before under the same {@link #reading} and of the same
     * {@link #textOf text}, which gives the same topics without reading the text.
     *
     * @throws IllegalArgumentException when a reading names a rule these rules do not have
     */
    public Assigned assignAll(List<Article> articles, java.util.function.Function<Article, TopicReading> readings) {
        List<Article> out = new ArrayList<>(articles.size());
        Map<String, Integer> excludedByTopic = new TreeMap<>();
        int excluded = 0;
        List<String> removed = new ArrayList<>();
        for (Article article : articles) {
            removed.clear();
            out.add(assign(article, readings.apply(article), removed));
            if (!removed.isEmpty()) {
                excluded++;
                removed.forEach(slug -> excludedByTopic.merge(slug, 1, Integer::sum));
            }
        }
        return new Assigned(out, excludedByTopic, excluded);
    }

    /**
     * Articles with their topics assigned.
     *
     * @param articles         in the order given
     * @param excludedByTopic  per topic slug, the articles its {@code exclude} kept out of it
     * @param excludedArticles the articles kept out of at least one topic
     */
    public record Assigned(List<Article> articles, Map<String, Integer> excludedByTopic, int excludedArticles) {
        public Assigned {
            articles = List.copyOf(articles);
            excludedByTopic = Map.copyOf(excludedByTopic);
        }
    }

    /**
     * The article with its own topics and those of the rules {@code reading} matched, less those of the rules whose
     * excludes it holds; adds the slugs of the topics an exclude took away to {@code removed} if not null.
     */
    private Article assign(Article article, TopicReading reading, List<String> removed) {
        Checks.argument(fits(reading), "a topic reading of other rules: " + reading);
        Map<String, String> bySlug = new LinkedHashMap<>();
        for (String name : article.topics()) {
            Topic topic = resolve(name);
            bySlug.putIfAbsent(topic.slug(), topic.name());
        }
        for (int at : reading.heldMatched()) {
            bySlug.putIfAbsent(rules.get(at).rule.slug(), rules.get(at).rule.name());
        }
        for (int at : reading.heldExcluded()) {
            String slug = rules.get(at).rule.slug();
            if (bySlug.remove(slug) != null && removed != null) {
                removed.add(slug);
            }
        }
        return article.withTopics(topicLists.of(List.copyOf(bySlug.values())));
    }

    /**
     * Groups articles (topics already assigned) into a catalog: {@code all} first, then every topic that an
     * article names or the configuration defines, by name; with the slug of every topic name the articles carry,
     * and the configured topics' former slugs.
     */
    public Catalog catalog(long version, List<Article> articles) {
        List<Article> sorted = new ArrayList<>(articles);
        sortNewestFirst(sorted);
        return grouped(version, sorted);
    }

    /**
     * The catalog of articles in {@link #NEWEST_FIRST} order, grouped by topic (their order taken as given), the
     * topics named as {@link #catalogOfLists} names them.
     */
    private Catalog grouped(long version, List<Article> sorted) {
        Map<String, String> slugs = new HashMap<>();
        Map<String, List<Article>> lists = new HashMap<>();
        lists.put(Topic.ALL_SLUG, sorted);
        for (Article article : sorted) {
            article.topics().forEach(name -> slugs.computeIfAbsent(name, this::slugOf));
            for (String slug : slugsOf(article)) {
                lists.computeIfAbsent(slug, s -> new ArrayList<>()).add(article);
            }
        }
        return catalogOfLists(version, slugs, lists, Catalog.empty(), lists.keySet());
    }

    /**
     * The catalog of topic lists a caller keeps as they change (read from a store, say), instead of grouping every
     * article: {@code all} first, then every configured topic and every topic whose slug {@code slugs} gives a name
     * (the names the articles carry), by name. A configured topic is shown by its rule's name; another by the first
     * name of its newest article that has its slug, as {@link #catalog} shows it: the name {@code previous}
     * showed it by while its list is not one of {@code changed}, else read from the head of its list.
     *
     * @param slugs   the slug of every topic name the articles carry
     * @param lists   per slug, its articles newest first ({@code all}'s included); a configured topic without one
     *                gets an empty list
     * @param changed the slugs whose lists changed since {@code previous}
     */
    public Catalog catalogOfLists(long version, Map<String, String> slugs, Map<String, List<Article>> lists,
                                  Catalog previous, Set<String> changed) {
        Map<String, String> names = ruleNames();
        for (Map.Entry<String, List<Article>> e : lists.entrySet()) {
            String slug = e.getKey();
            if (slug.equals(Topic.ALL_SLUG) || names.containsKey(slug) || e.getValue().isEmpty()) {
                continue;
            }
            Optional<Topic> before = changed.contains(slug) ? Optional.empty() : previous.topic(slug);
            names.put(slug, before.map(Topic::name).orElseGet(() -> shownName(e.getValue(), slug, slugs)));
        }
        List<Topic> topics = topicsNamed(names);
        Map<String, List<Article>> published = new HashMap<>();
        published.put(Topic.ALL_SLUG, lists.getOrDefault(Topic.ALL_SLUG, List.of()));
        for (Topic topic : topics) {
            published.putIfAbsent(topic.slug(), lists.getOrDefault(topic.slug(), List.of()));
        }
        return new Catalog(version, topics, published, slugs, moved);
    }

    /** The slugs of an article's topic names, {@code all} left out (each once). */
    public Set<String> slugsOf(Article article) {
        return slugsOf(article.topics());
    }

    /** The slugs of topic names, {@code all} left out (each once). */
    public Set<String> slugsOf(List<String> names) {
        if (names.size() == 1) {
            String slug = slugOf(names.get(0));
            return slug.equals(Topic.ALL_SLUG) ? Set.of() : Set.of(slug);
        }
        Set<String> slugs = new LinkedHashSet<>();
        for (String name : names) {
            String slug = slugOf(name);
            if (!slug.equals(Topic.ALL_SLUG)) {
                slugs.add(slug);
            }
        }
        return slugs;
    }

    /** The name each configured rule's topic is shown by, by slug (the first rule of a slug names it); modifiable. */
    private Map<String, String> ruleNames() {
        Map<String, String> names = new HashMap<>();
        rules.forEach(r -> names.putIfAbsent(r.rule.slug(), r.rule.name()));
        return names;
    }

    /** {@code all} first, then a topic per slug of {@code names} (slug → name shown), by name. */
    private static List<Topic> topicsNamed(Map<String, String> names) {
        TreeMap<String, Topic> topicsByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        names.forEach((slug, name) -> topicsByName.put(name + "\u0000" + slug, new Topic(slug, name)));
        List<Topic> topics = new ArrayList<>();
        topics.add(new Topic(Topic.ALL_SLUG, "All articles"));
        topics.addAll(topicsByName.values());
        return topics;
    }

    /**
     * What a topic of {@code list} (newest first) is shown by: {@link #shownName(Article, String, Map)} of its newest
     * article; the first of the names carried with its slug, by order, when the list has none (one read from a
     * database that another instance writes meanwhile).
     */
    private static String shownName(List<Article> list, String slug, Map<String, String> slugs) {
        List<Article> head = list.subList(0, Math.min(1, list.size()));
        if (!head.isEmpty()) {
            return shownName(head.get(0), slug, slugs);
        }
        return new TreeMap<>(slugs).entrySet().stream().filter(e -> e.getValue().equals(slug)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    /** The first of an article's topic names whose slug is {@code slug}: what a topic it leads is shown by. */
    private static String shownName(Article newest, String slug, Map<String, String> slugs) {
        for (String name : newest.topics()) {
            if (slug.equals(slugs.get(name))) {
                return name;
            }
        }
        throw new IllegalStateException("the newest article of topic " + slug + " carries no name of it");
    }

    /** A topic name's slug, and the name it is shown by. */
    private Topic resolve(String topicName) {
        return resolved.computeIfAbsent(topicName, name -> {
            String own = Topic.slugOf(name);
            TopicRule rule = ruleBySlug.get(own);
            return rule == null ? new Topic(own, name) : new Topic(rule.slug(), rule.name());
        });
    }

    private static Set<String> labels(TopicRule rule) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(rule.name().strip().toLowerCase(Locale.ROOT));
        rule.aliases().forEach(a -> labels.add(a.strip().toLowerCase(Locale.ROOT)));
        return labels;
    }

    private record CompiledRule(TopicRule rule, Set<String> labels, Keywords keywords, Keywords exclude) {}
}
