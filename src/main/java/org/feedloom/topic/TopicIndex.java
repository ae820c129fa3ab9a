package org.feedloom.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
     * {@link #catalog} of articles already in {@link #NEWEST_FIRST} order: for a caller that keeps them in order as
     * they change, instead of sorting the archive at every rebuild.
     *
     * @throws IllegalArgumentException if they are not in that order
     */
    public Catalog catalogOfSorted(long version, List<Article> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (NEWEST_FIRST.compare(sorted.get(i - 1), sorted.get(i)) >= 0) {
                throw new IllegalArgumentException("articles not newest first at " + sorted.get(i).url());
            }
        }
        return grouped(version, sorted);
    }

    /** The catalog of articles in {@link #NEWEST_FIRST} order, grouped by topic (their order taken as given). */
    private Catalog grouped(long version, List<Article> sorted) {
        Map<String, String> names = ruleNames();
        Map<String, String> slugs = new HashMap<>();
        Map<String, List<Article>> bySlug = new HashMap<>();
        for (Article article : sorted) {
            for (String name : article.topics()) {
                String slug = slugs.computeIfAbsent(name, this::slugOf);
                if (slug.equals(Topic.ALL_SLUG)) {
                    continue;
                }
                names.putIfAbsent(slug, name);
                List<Article> list = bySlug.computeIfAbsent(slug, s -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != article) {
                    list.add(article);
                }
            }
        }
        List<Topic> topics = topicsNamed(names);
        Map<String, List<Article>> lists = new HashMap<>();
        lists.put(Topic.ALL_SLUG, sorted);
        for (Topic topic : topics) {
            lists.putIfAbsent(topic.slug(), bySlug.getOrDefault(topic.slug(), List.of()));
        }
        return new Catalog(version, topics, lists, slugs, moved);
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
     * What {@link #catalogOfSorted} gives for {@code previous}'s articles less {@code gone} and plus {@code added},
     * made from the change instead of from every article: each topic the change touches gets a new list, copied from
     * its previous one in runs between the places where the change is (found by binary search in
     * {@link #NEWEST_FIRST} order), and every other topic keeps its list, the same instance. So a rebuild that
     * changes a few articles copies the touched topics' lists and reads nothing else of the archive.
     *
     * @param previous a catalog this index built (by {@link #catalogOfSorted}, {@link #catalog} or this method)
     * @param gone     articles of {@code previous} (these instances) that leave it
     * @param added    articles to put in, not in {@code previous} (an article changed is gone as it was, added as it
     *                 is); keys distinct from those of the articles that stay
     * @return the catalog, or empty when the change alters which topic names the articles carry (a name no article
     *         of {@code previous} carries, one that only gone articles carry, one whose slug is {@code all}): then
     *         the caller builds the catalog from every article
     */
    public Optional<Catalog> nextCatalog(Catalog previous, long version, List<Article> gone, List<Article> added) {
        Map<String, String> slugs = previous.slugs();
        Map<String, List<Article>> goneBySlug = new HashMap<>();
        Map<String, List<Article>> addedBySlug = new HashMap<>();
        Set<String> goneNames = new LinkedHashSet<>();
        if (!bySlug(gone, slugs, goneBySlug, goneNames) || !bySlug(added, slugs, addedBySlug, null)) {
            return Optional.empty();
        }
        Map<String, List<Article>> lists = new HashMap<>(previous.articles());
        Set<String> touched = new LinkedHashSet<>(goneBySlug.keySet());
        touched.addAll(addedBySlug.keySet());
        for (String slug : touched) {
            lists.put(slug, edited(previous.articlesOf(slug), goneBySlug.getOrDefault(slug, List.of()),
                    addedBySlug.getOrDefault(slug, List.of())));
        }
        for (String name : goneNames) { // still carried by an article of its topic, or the catalog changes shape
            String slug = slugs.get(name);
            if (lists.get(slug).stream().noneMatch(a -> a.topics().contains(name))) {
                return Optional.empty();
            }
        }
        Map<String, String> names = ruleNames();
        boolean renamed = false;
        for (Topic topic : previous.topics()) {
            if (!topic.slug().equals(Topic.ALL_SLUG) && !names.containsKey(topic.slug())) {
                String name = touched.contains(topic.slug()) ? shownName(lists.get(topic.slug()).get(0), topic.slug(),
                        slugs) : topic.name();
                renamed |= !name.equals(topic.name());
                names.put(topic.slug(), name);
            }
        }
        List<Topic> topics = renamed ? topicsNamed(names) : previous.topics();
        return Optional.of(new Catalog(version, topics, lists, slugs, moved));
    }

    /**
     * Files {@code articles} under each slug of their topic names and under {@code all} (each once); notes their
     * names in {@code names} if given. False if one carries a name {@code slugs} does not know or whose slug is
     * {@code all}.
     */
    private static boolean bySlug(List<Article> articles, Map<String, String> slugs, Map<String, List<Article>> out,
                                  Set<String> names) {
        for (Article article : articles) {
            out.computeIfAbsent(Topic.ALL_SLUG, s -> new ArrayList<>()).add(article);
            for (String name : article.topics()) {
                String slug = slugs.get(name);
                if (slug == null || slug.equals(Topic.ALL_SLUG)) {
                    return false;
                }
                List<Article> list = out.computeIfAbsent(slug, s -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != article) {
                    list.add(article);
                }
                if (names != null) {
                    names.add(name);
                }
            }
        }
        return true;
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

    /**
     * {@code list} (newest first) less {@code gone} (instances of it) and with {@code added} in their places: the
     * runs between the changes copied whole.
     */
    private static List<Article> edited(List<Article> list, List<Article> gone, List<Article> added) {
        int[] removed = new int[gone.size()];
        for (int i = 0; i < removed.length; i++) {
            int at = Collections.binarySearch(list, gone.get(i), NEWEST_FIRST);
            if (at < 0 || list.get(at) != gone.get(i)) {
                throw new IllegalArgumentException("a gone article is not in the catalog: " + gone.get(i).url());
            }
            removed[i] = at;
        }
        Arrays.sort(removed);
        List<Article> in = new ArrayList<>(added);
        sortNewestFirst(in);
        int[] places = new int[in.size()];
        for (int i = 0; i < places.length; i++) {
            int at = Collections.binarySearch(list, in.get(i), NEWEST_FIRST);
            if (at >= 0 && Arrays.binarySearch(removed, at) < 0) { // its key's article stays: a duplicate
                throw new IllegalArgumentException("an added article is in the catalog: " + in.get(i).url());
            }
            places[i] = at < 0 ? -at - 1 : at;
        }
        List<Article> out = new ArrayList<>(list.size() - removed.length + in.size());
        int from = 0;
        int r = 0;
        int a = 0;
        while (r < removed.length || a < places.length) {
            int next = Math.min(r < removed.length ? removed[r] : Integer.MAX_VALUE,
                    a < places.length ? places[a] : Integer.MAX_VALUE);
            out.addAll(list.subList(from, next));
            from = next;
            while (a < places.length && places[a] == next) {
                out.add(in.get(a++));
            }
            if (r < removed.length && removed[r] == next) {
                r++;
                from = next + 1;
            }
        }
        out.addAll(list.subList(from, list.size()));
        return out;
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
