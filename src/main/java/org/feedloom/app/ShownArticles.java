package org.feedloom.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.HiddenUrls;
import org.feedloom.canonical.KeyedTable;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.canonical.TextTerms;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Link;
import org.feedloom.model.StoryLink;
import org.feedloom.model.TopicRule;
import org.feedloom.store.ArticleStore;
import org.feedloom.topic.TopicIndex;
import org.feedloom.topic.TopicReading;

/**
 * The rebuild's showing step: each merged article kept out ({@code hide:}) or shown with the topics the rules give it
 * ({@link TopicIndex}) and links to the other reports of its story ({@link Coverage}); and the keys a rebuild touched,
 * with the articles as the rebuild before published them, from which it learns what changed.
 *
 * <p>Not thread-safe, but for {@link #topics()} and {@link #hidden()}, read without a lock (readers of stored pages
 * never wait for a rebuild): the {@link Aggregator} calls the rest under its lock.
 */
final class ShownArticles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ShownArticles.class);
    /** How many articles {@link #showAgain} reads the let-go texts of at once. */
    private static final int HELD_TEXTS = 500;

    /**
     * The merged articles that are shown, by key, with their topics assigned: kept up to date with the merge, held by
     * the store's articles snapshot once synced.
     */
    private final ShownTable shown;
    /** Whether anything was shown or hidden yet (by this process: the snapshot may hold a last run's articles). */
    private boolean shownAny;
    /**
     * The related coverage of the shown articles: which report one story in other words. A shown article carries
     * links to its coverage after its own related links; {@link #ownRelated} keeps what it had without them.
     */
    private final Coverage coverage;
    /**
     * The own related links (without links to their coverage) of the articles shown by this rebuild that have some:
     * one of them linked again is its shown article with these, and an article not shown by this rebuild has its
     * merged article's ({@link #ownRelatedOf}).
     */
    private Map<String, List<Link>> ownRelated = new HashMap<>();
    /** The merged archive, where an article's own related links are read. */
    private final ArticleStore store;
    /** The shown articles whose coverage changed since the last rebuild: linked again at the next. */
    private final Set<String> relink = new HashSet<>();
    /** The latest coverage links made, by pair. */
    private final Latest<StoryLink> storyLinks = new Latest<>(Aggregator.FOLDS_SHOWN, ShownArticles::pairOf);
    /** The coverage links made since the last {@link #drainNewStoryLinks}, for the store. */
    private final List<StoryLink> newStoryLinks = new ArrayList<>();
    /**
     * The keys shown or unshown since the last {@link #takeTouched}, in a table of the keys themselves (a restart's
     * first rebuild touches every key: a set's entry objects held about 32 MB more at a million articles, at the end
     * of the rebuild, where a restart's heap peaks). Emptied by a new table: a cleared one keeps its slots.
     */
    private KeyedTable<String> touched = newKeySet();
    /** Of the {@link #touched} keys, what the last rebuild published under them (those it showed). */
    private Map<String, ShownTable.Published> wasShown = new HashMap<>();
    /** Per shown article that a topic's {@code exclude} kept out of a topic, those topics' slugs. */
    private final Map<String, Map<String, Integer>> excludedFrom = new HashMap<>();
    /** The keys of the merged articles that {@code hide:} keeps out. */
    private final Set<String> hiddenKeys = new HashSet<>();
    private List<TopicRule> rules = List.of();
    private List<String> hiddenUrls = List.of();
    /** Where the story terms the store kept are read from, by article key ({@link #readKeptTermsFrom}); or null. */
    private Function<Collection<String>, Map<String, TextTerms>> keptTerms;
    /**
     * Where the topic readings the store kept are read from, by article key, as read by the rules named
     * ({@link #readKeptTopicReadingsFrom}); or null.
     */
    private BiFunction<Collection<String>, String, Map<String, TopicReading>> keptReadings;
    /**
     * The kept topic readings of the run of articles {@link #showAgain} shows, by article key: each of its article's
     * text as it is now, under the current rules.
     */
    private Map<String, TopicReading> knownReadings = Map.of();
    /** What the topic rules read from texts since the last {@link #drainTopicReadings}, by article key. */
    private Map<String, TopicReading> newReadings = new HashMap<>();
    private volatile TopicIndex topics = new TopicIndex(List.of());
    private volatile HiddenUrls hidden = HiddenUrls.NONE;
    /** {@link #coverageEntries} and {@link #coverageDaysRead}, as of the last sync: for scrapes, without a lock. */
    private volatile int coverageEntries;
    private volatile long coverageDaysRead;

    /** The related-coverage rule, for the showing's {@link #rule}. */
    private final RelatedRule related;

    /**
     * The version of how a merged article is shown, in every {@link #rule} name: to be raised whenever the code
     * changes what it shows of an article (its topics, coverage links, whether it is hidden), so that a restart shows
     * every article again instead of taking a snapshot shown by an earlier build.
     */
    private static final String SHOWING_VERSION = "showing/1 ";

    ShownArticles(RelatedRule related, ArticleStore store) {
        this.store = store;
        this.related = related;
        this.shown = new ShownTable(store);
        this.coverage = new Coverage(related, new Coverage.Archive() {
            @Override
            public Map<String, Article> articles(Collection<String> keys) {
                return shownArticles(keys);
            }

            @Override
            public List<Article> publishedOn(long fromDay, long toDay) {
                return store.publishedOn(fromDay, toDay); // what the last sync wrote: a day is let go after one
            }

            @Override
            public Map<String, TextTerms> keptTerms(Collection<String> keys) {
                return keptTerms == null ? Map.of() : keptTerms.apply(keys);
            }
        });
    }

    /**
     * From now on, after each sync that passed, memory keeps the coverage's entries of the newest days that fit in
     * {@code entries} ({@link Coverage#letGo}).
     */
    void keepCoverageOfAtMost(int entries) {
        coverage.keepAtMost(entries);
    }

    /** How many of the coverage's entries memory held after the last sync that passed: read without a lock. */
    int coverageEntries() {
        return coverageEntries;
    }

    /** How many days the coverage read from the store again, as of the last sync that passed: read without a lock. */
    long coverageDaysRead() {
        return coverageDaysRead;
    }

    /** The shown articles of {@code keys} (the coverage's, all shown), for the texts of its links' evidence. */
    private Map<String, Article> shownArticles(Collection<String> keys) {
        shown.readWhole(keys);
        Map<String, Article> out = new HashMap<>();
        keys.forEach(key -> out.put(key, shown.get(key)));
        return out;
    }

    /** The keys a rebuild touched ({@link #takeTouched}), with the articles as the rebuild before published them. */
    record Touched(KeyedTable<String> keys, Map<String, ShownTable.Published> wasShown) {}

    /** The topic rules' index: read without a lock. */
    TopicIndex topics() {
        return topics;
    }

    /** The {@code hide:} URLs: read without a lock. */
    HiddenUrls hidden() {
        return hidden;
    }

    /** Takes {@code rules} for the articles shown from now on; returns whether they differ from the current ones. */
    boolean setTopicRules(List<TopicRule> rules) {
        if (rules.equals(this.rules)) {
            return false;
        }
        this.rules = List.copyOf(rules);
        topics = new TopicIndex(rules);
        newReadings = new HashMap<>(); // read by the rules before: not to be kept as these rules' readings
        knownReadings = Map.of();
        return true;
    }

    /** Takes {@code urls} as the hidden ones from now on; returns whether they differ from the current ones. */
    boolean setHidden(List<String> urls) {
        if (urls.equals(hiddenUrls)) {
            return false;
        }
        hiddenUrls = List.copyOf(urls);
        hidden = new HiddenUrls(urls);
        return true;
    }

    /** See {@link Aggregator#readKeptTermsFrom}. */
    void readKeptTermsFrom(Function<Collection<String>, Map<String, TextTerms>> read) {
        keptTerms = read;
    }

    /** See {@link Aggregator#readKeptTopicReadingsFrom}. */
    void readKeptTopicReadingsFrom(BiFunction<Collection<String>, String, Map<String, TopicReading>> read) {
        keptReadings = read;
    }

    /**
     * What the topic rules ({@link #topics()}, named by its {@link TopicIndex#reading}) read from texts since the last
     * call, by article key, for the store; then forgets it.
     */
    Map<String, TopicReading> drainTopicReadings() {
        Map<String, TopicReading> out = newReadings;
        newReadings = new HashMap<>(); // not cleared: a cleared map keeps its table, as large as the most it held
        return out;
    }

    /** See {@link Aggregator#knowStoryLinks}. */
    void knowStoryLinks(List<StoryLink> links) {
        coverage.knowLinks(links);
    }

    /** What the coverage read from texts since the last call, by article key, for the store; then forgets it. */
    Map<String, TextTerms> drainReadTerms() {
        return coverage.drainRead();
    }

    /**
     * Lets go of the terms, links and topic readings the store gave ({@link #readKeptTermsFrom},
     * {@link #knowStoryLinks}, {@link #readKeptTopicReadingsFrom}).
     */
    void forgetKeptTerms() {
        coverage.forgetTerms();
        knownReadings = Map.of();
    }

    /**
     * The name of what decides how a merged article is shown: the topic rules (as configured, and how they read a
     * text), the hidden links and the related-coverage rule (and how it reads a text); equal for two showings exactly
     * when they show every article alike. A store keeps it with its snapshot ({@link ArticleStore.Showing}).
     */
    String rule() {
        String all = rules + "\n" + topics.reading() + "\n" + hiddenUrls + "\n" + related + "\n" + Coverage.READING;
        return SHOWING_VERSION + Long.toHexString(Body.hashOf(all));
    }

    /**
     * Takes the store's articles snapshot as showing every merged article as this showing would (a restart's,
     * whose last sync kept this {@link #rule}), but those merged since, which the caller shows again: the coverage
     * starts holding no day ({@link Coverage#holdNothing}), and what the status counts (the hidden articles, those an
     * exclude kept out of a topic) is read from the merged archive and the topic readings kept. Returns false, taking
     * nothing, when the snapshot does not hold as many articles as that would show ({@code check}'s counts: it was
     * damaged): every article is to be shown again.
     */
    boolean resume(ArticleStore.ShownCheck check) {
        Map<String, TopicReading> excluding = rules.stream().anyMatch(r -> !r.exclude().isEmpty())
                ? store.topicReadingsExcluding(topics.reading()) : Map.of();
        Set<String> hiddenNow = new HashSet<>();
        Map<String, Article> excludingNow = new HashMap<>();
        store.readMerged(state -> { // the articles hidden, and those a kept reading found exclude keywords in
            hidden.keys().forEach(key -> {
                Article owner = state.ownerOf(key);
                if (owner != null) {
                    hiddenNow.add(owner.key());
                }
            });
            excluding.keySet().forEach(key -> {
                Article article = state.article(key);
                if (article != null) {
                    excludingNow.put(key, article);
                }
            });
            return null;
        });
        Set<String> unshown = check.unshown().keys();
        long hiddenOthers = hiddenNow.stream().filter(key -> !unshown.contains(key)).count();
        if (check.mergedOthers() - hiddenOthers != check.publishedOthers()) {
            LOG.warn("the articles snapshot holds {} articles the merged archive shows as {} (hidden ones apart): "
                    + "showing every article again", check.publishedOthers(), check.mergedOthers() - hiddenOthers);
            return false;
        }
        shownAny = true;
        coverage.holdNothing();
        hiddenKeys.addAll(hiddenNow);
        excludingNow.forEach((key, article) -> {
            if (hiddenKeys.contains(key)) {
                return;
            }
            TopicReading kept = excluding.get(key); // one of another text (a damaged row) is read again
            TopicReading reading = kept.text() == TopicIndex.textOf(article) && topics.fits(kept) ? kept
                    : topics.read(article);
            TopicIndex.Assigned assigned = topics.assignAll(List.of(article), a -> reading);
            if (assigned.excludedArticles() > 0) {
                excludedFrom.put(key, assigned.excludedByTopic());
            }
        });
        return true;
    }

    /** Whether nothing is shown or hidden yet: every merged article is new to the next rebuild. */
    boolean isEmpty() {
        return !shownAny;
    }

    /**
     * Reads the snapshot's rows of {@code keys} at once, before a run of them is shown again or taken out: each
     * touched key's article as published is read there (what memory does not hold).
     */
    void readAhead(Collection<String> keys) {
        shown.readAhead(keys);
    }

    /**
     * The shown articles the articles snapshot does not hold yet, in no order: shown since the last sync that
     * passed (none once one has).
     */
    List<Article> pendingShown() {
        List<Article> out = new ArrayList<>();
        shown.pending().values().forEach(a -> {
            if (a != null) {
                out.add(a);
            }
        });
        return out;
    }

    /** Takes what was shown as synced: the snapshot holds it, memory lets it go, and the coverage its old days. */
    void synced() {
        shown.synced();
        coverage.letGo();
        coverageEntries = coverage.held();
        coverageDaysRead = coverage.daysRead();
    }

    /** How many merged articles {@code hide:} keeps out. */
    int hiddenCount() {
        return hiddenKeys.size();
    }

    /** How many shown articles a topic's {@code exclude} kept out of some topic. */
    int excludedArticles() {
        return excludedFrom.size();
    }

    /** How many shown articles each topic's {@code exclude} kept out of it, by slug. */
    Map<String, Integer> excludedByTopic() {
        Map<String, Integer> byTopic = new TreeMap<>();
        excludedFrom.values().forEach(m -> m.forEach((slug, n) -> byTopic.merge(slug, n, Integer::sum)));
        return byTopic;
    }

    /** The latest coverage links made, newest first, for {@code /status}. */
    List<StoryLink> storyLinksNewestFirst() {
        return storyLinks.newestFirst();
    }

    /** Shows the coverage links a previous run recorded until newer ones replace them (at start-up). */
    void useStoryLinks(List<StoryLink> newestFirst) {
        storyLinks.addRecorded(newestFirst);
    }

    /** The coverage links made since the last call, for the store; then forgets them. */
    List<StoryLink> drainNewStoryLinks() {
        List<StoryLink> out = List.copyOf(newStoryLinks);
        newStoryLinks.clear();
        return out;
    }

    /**
     * Shows each of {@code articles} again ({@link #unshow}, then shown or hidden), their texts read back
     * {@link #HELD_TEXTS} articles at a time where they were let go: the topic and coverage rules read every one.
     */
    void showAgain(List<Article> articles) {
        Body.<Article, RuntimeException>inRuns(articles, HELD_TEXTS, run -> {
            shown.readAhead(run.stream().map(Article::key).toList());
            return textsToShow(run);
        }, (from, run) -> {
            for (Article article : run) {
                unshow(article.key());
                show(article);
            }
        });
    }

    /**
     * The texts showing {@code articles} reads: the excerpt of each whose topic reading the store did not keep (the
     * topic rules read summaries), and the excerpt and content of each whose story terms the coverage does not know.
     */
    private List<Body> textsToShow(List<Article> articles) {
        knowKeptTerms(articles);
        knowKeptReadings(articles);
        List<Body> bodies = new ArrayList<>(2 * articles.size());
        for (Article a : articles) {
            boolean readsContent = coverage.readsContentOf(a);
            boolean rulesRead = topics.readsTexts() && !knownReadings.containsKey(a.key());
            bodies.add(readsContent || rulesRead ? a.excerptBody() : null);
            bodies.add(readsContent ? a.body() : null);
        }
        return bodies;
    }

    /**
     * Takes the topic readings kept ({@link #readKeptTopicReadingsFrom}) under the current rules for those of
     * {@code articles} whose excerpt was let go or that have none, for their run: an article whose kept reading names
     * its text is shown without its excerpt being read, and gives the store no reading to keep again. One whose
     * excerpt is in memory (a fetch's, not yet synced) is read where it is.
     */
    private void knowKeptReadings(List<Article> articles) {
        if (keptReadings == null || !topics.readsTexts()) {
            knownReadings = Map.of();
            return;
        }
        Map<String, Article> asked = new HashMap<>();
        for (Article a : articles) {
            if (a.excerptBody() == null || !a.excerptBody().held()) {
                asked.put(a.key(), a);
            }
        }
        Map<String, TopicReading> known = new HashMap<>();
        if (!asked.isEmpty()) {
            keptReadings.apply(asked.keySet(), topics.reading()).forEach((key, kept) -> {
                Article a = asked.get(key);
                // of the article's text as it is now, and not a damaged row: else the excerpt is read
                if (a != null && kept.text() == TopicIndex.textOf(a) && topics.fits(kept)) {
                    known.put(key, kept);
                }
            });
        }
        knownReadings = known;
    }

    /**
     * Gives the coverage the story terms kept for those of {@code articles} whose text was let go
     * ({@link #readKeptTermsFrom}), for their run: their content, or their excerpt when they have no content (then the
     * excerpt's terms are not read from it again, nor kept again), or that have neither (their terms, of the title
     * alone, are not kept again). A text in memory (a fetch's, not yet synced) is read where it is.
     */
    private void knowKeptTerms(List<Article> articles) {
        if (keptTerms == null) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (Article a : articles) {
            Body text = a.body() != null ? a.body() : a.excerptBody();
            if (text == null || !text.held()) {
                keys.add(a.key());
            }
        }
        coverage.knowTerms(keys.isEmpty() ? List.of() : keptTerms.apply(keys).values());
    }

    /**
     * Takes a merged article into the shown ones (topics assigned, links to its coverage added), or into the hidden
     * ones; the articles whose coverage it changes are linked again by the next {@link #linkCoverage}.
     */
    private void show(Article article) {
        shownAny = true;
        touch(article.key());
        if (hidden.hides(article)) {
            hiddenKeys.add(article.key());
            return;
        }
        TopicReading kept = knownReadings.get(article.key());
        TopicReading reading = kept != null ? kept : topics.read(article);
        if (kept == null && topics.readsTexts()) { // without rules there is nothing to keep
            newReadings.put(article.key(), reading);
        }
        TopicIndex.Assigned assigned = topics.assignAll(List.of(article), a -> reading);
        Article shownAs = assigned.articles().get(0);
        relink.addAll(coverage.put(shownAs));
        if (!shownAs.related().isEmpty()) {
            ownRelated.put(shownAs.key(), shownAs.related());
        }
        showLinked(shownAs);
        if (assigned.excludedArticles() > 0) {
            excludedFrom.put(article.key(), assigned.excludedByTopic());
        }
    }

    /** Shows an assigned article with links to its coverage ({@link Coverage#linked}). */
    private void showLinked(Article article) {
        shown.put(coverage.linked(article));
    }

    /** Takes the article of {@code key} out of the shown or the hidden ones (merged away, or to be shown again). */
    void unshow(String key) {
        touch(key);
        java.time.Instant published = shown.publishedAt(key);
        shown.remove(key);
        ownRelated.remove(key);
        excludedFrom.remove(key);
        hiddenKeys.remove(key);
        relink.addAll(coverage.remove(key, published));
    }

    /** Links again the shown articles whose coverage changed, and notes the coverage links made. */
    void linkCoverage() {
        shown.readWhole(relink);
        List<String> notShownNow = relink.stream()
                .filter(key -> !touched.containsKey(key) && shown.get(key) != null).toList();
        Map<String, List<Link>> merged = ownRelatedOf(notShownNow);
        for (String key : relink) {
            Article article = shown.get(key);
            if (article == null) {
                continue;
            }
            List<Link> own = touched.containsKey(key) ? ownRelated.getOrDefault(key, List.of())
                    : merged.getOrDefault(key, article.related());
            touch(key);
            showLinked(article.withRelated(own)); // as shown without its links to its coverage, linked again
        }
        relink.clear();
        for (StoryLink link : coverage.drainMade()) {
            newStoryLinks.add(link);
            storyLinks.add(link);
        }
    }

    /**
     * The own related links of the merged articles of {@code keys} (those of the articles shown: topics and coverage
     * links are the showing's), by key; one read of the merged archive.
     */
    private Map<String, List<Link>> ownRelatedOf(List<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return store.readMerged(state -> {
            Map<String, List<Link>> out = new HashMap<>();
            for (String key : keys) {
                Article merged = state.article(key);
                if (merged != null) {
                    out.put(key, merged.related());
                }
            }
            return out;
        });
    }

    /** The articles touched since the last {@link #takeTouched} that are shown now. */
    List<Article> fresh() {
        List<Article> fresh = new ArrayList<>();
        for (String key : touched) {
            Article article = shown.get(key);
            if (article != null) {
                fresh.add(article);
            }
        }
        return fresh;
    }

    /**
     * What the rebuild changed in the published articles, from the touched keys ({@code fresh}: those shown now), for
     * the store's sync: the shown articles that differ from what the last rebuild published under their key, and the
     * keys whose published articles go (those no longer shown, and those of the changed articles that were shown).
     */
    ArticleStore.Change changeOf(List<Article> fresh) {
        List<Article> changed = new ArrayList<>();
        Set<String> gone = new HashSet<>();
        for (Article article : fresh) {
            ShownTable.Published before = wasShown.get(article.key());
            if (before == null || !before.sameAs(article)) {
                changed.add(article);
                if (before != null) {
                    gone.add(article.key());
                }
            }
        }
        wasShown.keySet().forEach(key -> {
            if (!shown.containsKey(key)) {
                gone.add(key);
            }
        });
        return new ArticleStore.Change(changed, gone);
    }

    /** The keys touched since the last call, with the articles as published before them; then starts anew. */
    Touched takeTouched() {
        shown.forgetRead();
        ownRelated = new HashMap<>();
        Touched taken = new Touched(touched, wasShown);
        touched = newKeySet();
        wasShown = new HashMap<>();
        return taken;
    }

    /** Notes a key shown or unshown in this rebuild, with the article as published if it was. */
    private void touch(String key) {
        if (touched.putIfAbsent(key) == null) {
            ShownTable.Published published = shown.published(key);
            if (published != null) {
                wasShown.put(key, published);
            }
        }
    }

    /** An empty set of keys for {@link #touched}. */
    private static KeyedTable<String> newKeySet() {
        return new KeyedTable<>(key -> key);
    }

    /** A pair of linked articles by their links, in either order. */
    private static String pairOf(StoryLink link) {
        return link.url().compareTo(link.otherUrl()) < 0 ? link.url() + " " + link.otherUrl()
                : link.otherUrl() + " " + link.url();
    }
}
