package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Checks;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Link;
import org.feedloom.model.StoryLink;

/**
 * The related coverage of the published articles: which articles report the same story in other words
 * ({@link RelatedRule}), kept up to date one article at a time.
 *
 * <p>A term is evidence only while it is distinctive: fewer than {@link RelatedRule#COMMON} articles name it on the
 * days within the rule's window of an article's day (a head of state, a big company or "1,000" are named by many
 * stories a week, and two stories that both name them are not one story). The index holds, per term and day of
 * publication, the articles naming it; an article put in is compared only with the articles that name one of its
 * distinctive terms within the window, so its cost follows how many articles name what it names in those days, not
 * the archive. When a put or a removal makes a term common or distinctive again around a day, the articles naming it
 * that day are linked again.
 *
 * <p>So every link is what judging its pair on the articles present gives, whatever order they came in.
 *
 * <p>Memory holds the entries of some days only, when an {@link Archive} keeps what was put in: after a sync,
 * {@link #letGo} keeps the newest days' entries that fit {@link #keepAtMost}, and a put or removal on a day first takes
 * in from the archive the days its judgement reads (those within four windows) and judges again, without reporting
 * them, the links of the entries whose every day is held from then on (within two windows): a link depends on the
 * articles within one window of its pair and the counts of their terms within one window of each. Live articles come
 * on the newest days, so a running server holds a few weeks of entries, not the archive. Not thread-safe: one owner,
 * the aggregator's rebuild.
 */
public final class Coverage {
    private static final long DAY = 86_400_000L;
    /**
     * How {@link #put} reads a text ({@link TextTerms}): terms kept by a store as read another way are read again. To
     * be changed with anything that changes what it reads (the story terms, their hashes, the press-release rule).
     */
    public static final String READING = "story terms " + StoryTerms.MAX + ", v1";

    private final RelatedRule rule;
    /** The days either side of an article's own within which its partners, and the articles counted, lie. */
    private final long daysAround;
    private Map<String, Entry> entries = new HashMap<>();
    /** Article keys by {@link #posting} of term and publication day. */
    private final KeyIndex byTermAndDay = new KeyIndex();
    /** Each host once, however many articles are on it. */
    private final Map<String, String> hosts = new HashMap<>();
    /** Per article key, its partners' keys with the terms they share (as hashes). */
    private Map<String, Map<String, long[]>> links = new HashMap<>();
    /**
     * The pairs linked since the last {@link #drainMade}, by pair, as their keys in order: a link's evidence (words
     * read from a text) is read when it is drained, once, and only if the pair is still linked then; not each time
     * the pair is judged again on the way (an article's links are judged again whenever a term it names turns
     * common or distinctive).
     */
    private final Map<String, String[]> made = new LinkedHashMap<>();
    /** What an earlier reading of texts gave, by text, until {@link #forgetTerms}: see {@link #knowTerms}. */
    private Map<Long, TextTerms> known = Map.of();
    /**
     * The evidence of links kept from before (a store's), by their pair of links in either order, until
     * {@link #forgetTerms}: see {@link #knowLinks}.
     */
    private Map<String, List<String>> keptEvidence = Map.of();
    /** What {@link #put} read from texts it was not given, by article key, since the last {@link #drainRead}. */
    private Map<String, TextTerms> read = new HashMap<>();

    /**
     * What is kept of an article that may be linked (it has terms and is no press release): what the rule and the
     * links read (its link, title and publication, the provider and host) and its terms as {@link #term hashes}; not
     * the article, which the caller lets go once a store holds it. Its excerpt and content are read again for the
     * evidence of a link made ({@link Archive}).
     */
    private record Entry(String url, String title, java.time.Instant published, String provider, String host,
            long[] terms) {
        long day() {
            return dayOf(published);
        }

        /** The same article for the rule and for its links (the terms compared by value). */
        boolean same(Entry o) {
            return o != null && url.equals(o.url) && title.equals(o.title)
                    && java.util.Objects.equals(provider, o.provider) && published.equals(o.published)
                    && java.util.Arrays.equals(terms, o.terms);
        }
    }

    /**
     * Where the coverage reads again what it was given (a store that keeps the articles as shown): the texts of a
     * link's evidence, and the days it let go ({@link #letGo}) when a change needs them again.
     */
    public interface Archive {
        /** The articles of {@code keys} (all put in and not removed) as put in or shown since, by key. */
        Map<String, Article> articles(java.util.Collection<String> keys);

        /**
         * The articles published on the days {@code fromDay} to {@code toDay} (days since the epoch, UTC, both
         * included) as last put in: those whose days the coverage let go, as they were when it did. Only what an entry
         * reads of them need be there (key, link, title, publication, provider, feeds, texts).
         */
        List<Article> publishedOn(long fromDay, long toDay);

        /** The story terms kept of {@code keys}' texts ({@link #drainRead}'s, under {@link #READING}), by key. */
        Map<String, TextTerms> keptTerms(java.util.Collection<String> keys);
    }

    /** Where {@link #evidence} reads texts and {@link #holdAround} the days let go ({@link Archive}). */
    private final Archive archive;
    /** The articles put in, by key, when the coverage holds them itself ({@link #Coverage(RelatedRule)}); or null. */
    private final Map<String, Article> held;
    /** The most entries {@link #letGo} keeps. */
    private int keep = Integer.MAX_VALUE;
    /** The keys of the entries held, by day. */
    private final Map<Long, List<String>> byDay = new HashMap<>();
    /** Every day from this one on is held ({@link Long#MIN_VALUE}: every day), and before it those of heldBefore. */
    private long heldFrom = Long.MIN_VALUE;
    private final Set<Long> heldBefore = new java.util.HashSet<>();
    /**
     * Every day from this one on is settled (its entries' links judged with every day they read held, and kept true
     * since), and before it those of settledBefore.
     */
    private long settledFrom = Long.MIN_VALUE;
    private final Set<Long> settledBefore = new java.util.HashSet<>();
    /** How many days {@link #takeIn} read from the archive, since this coverage was made. */
    private long daysRead;

    /** A coverage that holds the articles put in, to read their texts when it links them; it lets go of nothing. */
    public Coverage(RelatedRule rule) {
        this(rule, new HashMap<>());
    }

    /**
     * A coverage that keeps of each article what its rule reads, and reads the articles' texts from {@code archive}
     * when it links them; it lets go of days ({@link #letGo}) once told how many entries to keep at most.
     */
    public Coverage(RelatedRule rule, Archive archive) {
        this(rule, archive, null);
    }

    private Coverage(RelatedRule rule, Map<String, Article> held) {
        this(rule, new Archive() {
            @Override
            public Map<String, Article> articles(java.util.Collection<String> keys) {
                Map<String, Article> out = new HashMap<>();
                keys.forEach(key -> out.put(key, held.get(key)));
                return out;
            }

            @Override
            public List<Article> publishedOn(long fromDay, long toDay) {
                throw new IllegalStateException("a coverage holding its articles lets no day go");
            }

            @Override
            public Map<String, TextTerms> keptTerms(java.util.Collection<String> keys) {
                return Map.of();
            }
        }, held);
    }

    private Coverage(RelatedRule rule, Archive archive, Map<String, Article> held) {
        this.rule = rule;
        this.daysAround = (rule.window().toMillis() + DAY - 1) / DAY;
        this.archive = archive;
        this.held = held;
    }

    /**
     * From now on {@link #letGo} keeps at most {@code entries} entries (all of them unless told): only a coverage
     * given an {@link Archive} may be told.
     */
    public void keepAtMost(int entries) {
        Checks.argument(entries >= 0, "entries must not be negative");
        Checks.argument(held == null || entries == Integer.MAX_VALUE, "a coverage holding its articles keeps them");
        keep = entries;
    }

    /**
     * Puts in an article as published now (a new one, or a new version of one put before), and holds it: give it the
     * article as the caller holds it shown (before {@link #linked}), so that no other copy is kept. Returns the keys
     * of the other articles whose links changed.
     */
    public Set<String> put(Article article) {
        if (!rule.enabled()) {
            return Set.of();
        }
        holdAround(dayOf(article.published()));
        long name = textOf(article);
        Entry entry = entryOf(article, termsOf(article, name, known.isEmpty() ? null : known.get(name)));
        if (entry == null) {
            return remove(article.key()); // never linked: not worth an entry
        }
        Entry before = entries.get(article.key());
        if (entry.same(before)) {
            entries.put(article.key(), entry); // the same for the rule: only the strings it reads again are new
            hold(article);
            return Set.of();
        }
        Set<String> changed = new TreeSet<>(remove(article.key()));
        enter(article.key(), entry);
        hold(article);
        Set<String> again = new TreeSet<>();
        for (long term : entry.terms()) {
            flipped(term, entry.day(), RelatedRule.COMMON, again);
        }
        again.add(article.key());
        again.forEach(key -> changed.addAll(relink(key)));
        changed.remove(article.key());
        return changed;
    }

    /** The entry of an article whose text reads {@code text}; null when it is never linked (no terms, a release). */
    private Entry entryOf(Article article, TextTerms text) {
        long[] terms = text.held();
        if (terms.length == 0 || text.pressRelease()) {
            return null;
        }
        String host = FoldRule.host(article.url());
        return new Entry(article.url(), article.title(), article.published(), providerName(article),
                hosts.computeIfAbsent(host, h -> h), terms);
    }

    /** Enters an entry under {@code key}: in the entries, the keys of its day and the index of its terms. */
    private void enter(String key, Entry entry) {
        entries.put(key, entry);
        byDay.computeIfAbsent(entry.day(), d -> new ArrayList<>()).add(key);
        for (long term : entry.terms()) {
            byTermAndDay.add(posting(term, entry.day()), key);
        }
    }

    /** Takes the entry of {@code key} out of what {@link #enter} put it in; returns it, or null if there was none. */
    private Entry leave(String key) {
        Entry entry = entries.remove(key);
        if (entry == null) {
            return null;
        }
        List<String> ofDay = byDay.get(entry.day());
        ofDay.remove(key);
        if (ofDay.isEmpty()) {
            byDay.remove(entry.day());
        }
        for (long term : entry.terms()) {
            byTermAndDay.remove(posting(term, entry.day()), key);
        }
        if (held != null) {
            held.remove(key);
        }
        return entry;
    }

    private static long dayOf(java.time.Instant published) {
        return Math.floorDiv(published.toEpochMilli(), DAY);
    }

    private boolean isHeld(long day) {
        return day >= heldFrom || heldBefore.contains(day);
    }

    private boolean isSettled(long day) {
        return day >= settledFrom || settledBefore.contains(day);
    }

    /**
     * Makes ready a change on {@code day}: takes in from the archive the days within four windows of it that are not
     * held, then settles those within two windows (their entries' links judged again, nothing reported: they are
     * what the articles published before gave). A change there judges entries within two windows of its day, on the
     * counts of their terms within three.
     */
    private void holdAround(long day) {
        if (heldFrom == Long.MIN_VALUE) {
            return; // every day held: nothing was let go
        }
        long reach = 4 * daysAround;
        long missingFrom = Long.MIN_VALUE;
        for (long d = day - reach; d <= day + reach + 1; d++) {
            boolean missing = d <= day + reach && !isHeld(d);
            if (missing && missingFrom == Long.MIN_VALUE) {
                missingFrom = d;
            } else if (!missing && missingFrom != Long.MIN_VALUE) {
                takeIn(missingFrom, d - 1);
                missingFrom = Long.MIN_VALUE;
            }
        }
        for (long d = day - 2 * daysAround; d <= day + 2 * daysAround; d++) {
            if (!isSettled(d)) {
                for (String key : byDay.getOrDefault(d, List.of()).toArray(new String[0])) {
                    relink(key, false);
                }
                settledBefore.add(d);
            }
        }
    }

    /**
     * Takes in the entries of the articles the archive has on the days {@code from} to {@code to}, their terms as kept
     * where they are of the text as it is (else read from it), without judging links: {@link #holdAround} settles
     * the days whose every day read is held.
     */
    private void takeIn(long from, long to) {
        List<Article> found = new ArrayList<>();
        daysRead += to - from + 1;
        for (Article a : archive.publishedOn(from, to)) {
            if (!entries.containsKey(a.key())) { // one held is as this coverage has it, newer than the archive's
                found.add(a);
            }
        }
        Map<String, TextTerms> kept = found.isEmpty() ? Map.of()
                : archive.keptTerms(found.stream().map(Article::key).toList());
        long[] names = new long[found.size()];
        List<Body> texts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Article a = found.get(i);
            names[i] = textOf(a);
            TextTerms k = kept.get(a.key());
            if (k == null || k.text() != names[i]) { // read at once below
                texts.add(a.excerptBody());
                texts.add(a.body());
            }
        }
        try (Body.Held h = Body.hold(texts)) {
            for (int i = 0; i < names.length; i++) {
                Article a = found.get(i);
                Entry entry = entryOf(a, termsOf(a, names[i], kept.get(a.key())));
                if (entry != null) {
                    enter(a.key(), entry);
                }
            }
        }
        for (long d = from; d <= to; d++) {
            if (d < heldFrom) {
                heldBefore.add(d);
            }
        }
    }

    /**
     * Lets go of the entries of the oldest days beyond the {@link #keepAtMost} newest that fit, with their links: for
     * after the archive took in every change (a sync), which a day let go is read from again when a change needs it.
     */
    public void letGo() {
        if (entries.size() <= keep) {
            return;
        }
        List<Long> days = new ArrayList<>(byDay.keySet());
        days.sort(java.util.Collections.reverseOrder());
        long cut = Long.MIN_VALUE; // the days before it go
        int kept = 0;
        for (long d : days) {
            int n = byDay.get(d).size();
            if (kept + n > keep) {
                cut = d + 1;
                break;
            }
            kept += n;
        }
        for (long d : days) {
            if (d < cut) {
                for (String key : byDay.get(d).toArray(new String[0])) {
                    leave(key);
                    unlink(key);
                }
            }
        }
        byTermAndDay.trim(); // what held every day gives back the room of those let go
        entries = new HashMap<>(entries);
        links = new HashMap<>(links);
        long heldCut = cut;
        long settledCut = cut + 2 * daysAround; // a day settles on the days within two windows of it
        heldFrom = Math.max(heldFrom, heldCut);
        heldBefore.removeIf(d -> d < heldCut);
        settledFrom = Math.max(settledFrom, settledCut);
        settledBefore.removeIf(d -> d < settledCut);
    }

    /**
     * Takes every article put in before as the archive's, none of its days held: a put or removal takes in the days
     * its judgement reads ({@link #holdAround}). For a coverage given an {@link Archive} that holds nothing yet, whose
     * archive shows every article as this coverage would link it (a restart's articles snapshot, as last synced).
     */
    public void holdNothing() {
        Checks.argument(held == null && entries.isEmpty(), "only an empty coverage reading an archive holds nothing");
        heldFrom = Long.MAX_VALUE;
        heldBefore.clear();
        settledFrom = Long.MAX_VALUE;
        settledBefore.clear();
    }

    /** How many entries memory holds: of the articles that may be linked, those of the days held. */
    public int held() {
        return entries.size();
    }

    /** How many days of articles this coverage read from the archive, having let them go. */
    public long daysRead() {
        return daysRead;
    }

    private void hold(Article article) {
        if (held != null) {
            held.put(article.key(), article);
        }
    }

    /**
     * The story terms of {@code article}, whose text is named {@code name} ({@link #textOf}): {@code known} when it
     * is of that text, else read from it and noted for {@link #drainRead}.
     */
    private TextTerms termsOf(Article article, long name, TextTerms known) {
        if (known != null && known.text() == name) {
            return known;
        }
        TextTerms text = read(article, name);
        read.put(article.key(), text);
        return text;
    }

    /** The story terms and the press-release judgement of an article's text ({@code name}: its {@link #textOf}). */
    private static TextTerms read(Article article, long name) {
        String content = article.content(); // read once: a body the store keeps is read from there
        List<String> words = StoryTerms.of(article.title(), article.excerpt(), content);
        long[] terms = new long[words.size()];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = term(words.get(i));
        }
        return new TextTerms(name, terms.length > 0 && PressRelease.is(article.url(), content), terms);
    }

    /**
     * The name by content of what {@link #put} reads of an article: its title, link, excerpt and content (the texts
     * by their lengths and hashes, which a body the store keeps has without reading it), mixed into 64 bits.
     */
    static long textOf(Article article) {
        long h = Fingerprint.mix(Body.hashOf(String.valueOf(article.title())) ^ 0x5DEECE66DL);
        h = Fingerprint.mix(h ^ Body.hashOf(String.valueOf(article.url())));
        for (Body b : new Body[] {article.excerptBody(), article.body()}) {
            h = Fingerprint.mix(h ^ (b == null ? -1 : b.length()));
            h = Fingerprint.mix(h ^ (b == null ? 0 : b.textHash()));
        }
        return h;
    }

    /**
     * Takes {@code kept} (what {@link #drainRead} gave before, under any rule: the terms do not depend on it) as what
     * the texts they name give, in place of what it was given before and until {@link #forgetTerms}: an article put
     * in with such a text is not read. For showing again articles whose contents the store would otherwise read
     * back (a restart's stored archive, the archive under changed topic rules), a run of them at a time.
     */
    public void knowTerms(java.util.Collection<TextTerms> kept) {
        Map<Long, TextTerms> all = new HashMap<>();
        kept.forEach(t -> all.put(t.text(), t));
        known = all;
    }

    /**
     * Takes the evidence of {@code kept} links (what {@link #drainMade} gave before) as what the texts of a pair
     * linked again give, until {@link #forgetTerms}: a link made again whose shared terms all have a word in the kept
     * evidence has its evidence from there, in its first article's order of terms, instead of reading that article's
     * text (the same words: a term is its word's hash). For a restart's showing of its stored archive, with
     * {@link #knowTerms}.
     */
    public void knowLinks(java.util.Collection<StoryLink> kept) {
        Map<String, List<String>> all = new HashMap<>(keptEvidence);
        kept.forEach(link -> all.put(pairOfLinks(link.url(), link.otherUrl()), link.terms()));
        keptEvidence = all;
    }

    /** Lets go of what {@link #knowTerms} and {@link #knowLinks} were given. */
    public void forgetTerms() {
        known = Map.of();
        keptEvidence = Map.of();
    }

    private static String pairOfLinks(String url, String otherUrl) {
        return url.compareTo(otherUrl) < 0 ? url + "\n" + otherUrl : otherUrl + "\n" + url;
    }

    /** Whether {@link #put} reads the content of {@code article}: the rule is on and its text is not known. */
    public boolean readsContentOf(Article article) {
        return rule.enabled() && (known.isEmpty() || !known.containsKey(textOf(article)));
    }

    /**
     * What {@link #put} read from the texts it was not given since the last call, by article key (for a store to
     * keep); then forgets it.
     */
    public Map<String, TextTerms> drainRead() {
        Map<String, TextTerms> out = read;
        read = new HashMap<>(); // not cleared: a cleared map keeps its table, as large as the most it ever held
        return out;
    }

    /**
     * Takes an article out (merged away, hidden, gone) that was put in as published at {@code published} (null when
     * it is not known: then only an entry held goes). Returns the keys of the articles whose links changed.
     */
    public Set<String> remove(String key, java.time.Instant published) {
        if (rule.enabled() && published != null && !entries.containsKey(key)) {
            holdAround(dayOf(published)); // its day may have been let go
        }
        return remove(key);
    }

    /** {@link #remove(String, java.time.Instant)} of an article whose entry, if any, is held. */
    public Set<String> remove(String key) {
        Entry present = entries.get(key);
        if (present == null) {
            return Set.of();
        }
        holdAround(present.day());
        Entry entry = leave(key);
        Set<String> changed = new TreeSet<>(unlink(key));
        Set<String> again = new TreeSet<>();
        for (long term : entry.terms()) {
            flipped(term, entry.day(), RelatedRule.COMMON - 1, again);
        }
        again.forEach(other -> changed.addAll(relink(other)));
        changed.remove(key);
        return changed;
    }

    /**
     * Adds to {@code out} the articles naming {@code term} on the days whose count of it within the window has just
     * become {@code count}, after an article of day {@code day} came or went: where the term has just become common
     * (count {@link RelatedRule#COMMON}) or distinctive again (one less).
     */
    private void flipped(long term, long day, int count, Set<String> out) {
        int span = (int) daysAround;
        int[] perDay = new int[4 * span + 1]; // the counts of days day - 2 * span .. day + 2 * span
        for (int i = 0; i < perDay.length; i++) {
            perDay[i] = byTermAndDay.count(posting(term, day - 2 * span + i));
        }
        int named = 0;
        for (int i = 0; i <= 2 * span; i++) {
            named += perDay[i];
        }
        for (int i = 0; i <= 2 * span; i++) { // day - span + i, whose window is perDay[i .. i + 2 * span]
            if (i > 0) {
                named += perDay[i + 2 * span] - perDay[i - 1];
            }
            if (named == count) {
                byTermAndDay.forEach(posting(term, day - span + i), out::add);
            }
        }
    }

    /** How many articles name {@code term} on the days within the window of day {@code day}. */
    private int named(long term, long day) {
        int n = 0;
        for (long d = day - daysAround; d <= day + daysAround; d++) {
            n += byTermAndDay.count(posting(term, d));
        }
        return n;
    }

    private boolean common(long term, Entry entry) {
        return named(term, entry.day()) >= RelatedRule.COMMON;
    }

    /**
     * Judges an article's links again against every article naming one of its distinctive terms within the window.
     * Returns the keys of the articles it gained or lost a link to, and its own when there are any.
     */
    private Set<String> relink(String key) {
        return relink(key, true);
    }

    /** {@link #relink(String)}; unless {@code report}, a link made is not noted as one (a day settled). */
    private Set<String> relink(String key, boolean report) {
        Entry entry = entries.get(key);
        Set<String> changed = new TreeSet<>(unlink(key));
        if (entry == null) {
            return changed;
        }
        long[] distinctive = new long[entry.terms().length]; // a few terms (StoryTerms.MAX): scanned, not hashed
        int distinct = 0;
        Set<String> candidates = new TreeSet<>();
        for (long term : entry.terms()) {
            if (!common(term, entry)) {
                distinctive[distinct++] = term;
                for (long d = entry.day() - daysAround; d <= entry.day() + daysAround; d++) {
                    byTermAndDay.forEach(posting(term, d), candidates::add);
                }
            }
        }
        candidates.remove(key);
        for (String other : candidates) {
            Entry partner = entries.get(other);
            if (!rule.mayLink(entry.published(), entry.host(), partner.published(), partner.host())) {
                continue;
            }
            long[] shared = new long[partner.terms().length];
            int count = 0;
            boolean name = false;
            for (long term : partner.terms()) {
                if (contains(distinctive, distinct, term) && !common(term, partner)) {
                    shared[count++] = term;
                    name |= (term & 1) == 1;
                }
            }
            if (rule.enough(count, name)) {
                long[] terms = Arrays.copyOf(shared, count);
                links.computeIfAbsent(key, k -> new HashMap<>()).put(other, terms);
                links.computeIfAbsent(other, k -> new HashMap<>()).put(key, terms);
                if (!changed.remove(other)) { // linked before: not a change, and not a link made
                    boolean first = key.compareTo(other) < 0; // the pair in one order, whichever came first
                    String[] pair = first ? new String[] {key, other} : new String[] {other, key};
                    if (report) {
                        made.put(pair[0] + " " + pair[1], pair);
                    }
                    changed.add(other);
                }
            }
        }
        if (!changed.isEmpty()) {
            changed.add(key);
        }
        return changed;
    }

    /**
     * The link of a linked pair (keys in order) as the store and {@code /status} show it: the terms of the first among
     * those they share, as words in its order (its evidence): {@code kept} ({@link #keptEvidence}) if not null, else
     * read from the first's text.
     */
    private StoryLink storyLink(String[] pair, List<String> kept, Map<String, Article> texts) {
        Entry a = entries.get(pair[0]);
        Entry b = entries.get(pair[1]);
        return new StoryLink(a.url(), b.url(), b.provider(),
                kept != null ? kept : evidence(texts.get(pair[0]), sharedOf(pair)));
    }

    /** The terms of {@code article} among {@code shared}, as words in its order: a link's evidence. */
    private static List<String> evidence(Article article, long[] shared) {
        return StoryTerms.of(article.title(), article.excerpt(), article.content()).stream()
                .filter(word -> contains(shared, term(word))).toList();
    }

    private static boolean contains(long[] terms, long term) {
        return contains(terms, terms.length, term);
    }

    /** Whether the first {@code n} of {@code terms} have {@code term}. */
    private static boolean contains(long[] terms, int n, long term) {
        for (int i = 0; i < n; i++) {
            if (terms[i] == term) {
                return true;
            }
        }
        return false;
    }

    /** Removes an article's links, both ways; returns its former partners. */
    private Set<String> unlink(String key) {
        Map<String, long[]> partners = links.remove(key);
        if (partners == null) {
            return Set.of();
        }
        for (String other : partners.keySet()) {
            Map<String, long[]> theirs = links.get(other);
            theirs.remove(key);
            if (theirs.isEmpty()) {
                links.remove(other);
            }
        }
        return partners.keySet();
    }

    /**
     * The related links of an article to its coverage, earliest published first: each partner's link, titled with
     * its provider and headline.
     */
    public List<Link> linksOf(String key) {
        Map<String, long[]> partners = links.get(key);
        if (partners == null) {
            return List.of();
        }
        return partners.keySet().stream().map(other -> Map.entry(other, entries.get(other)))
                .sorted(Comparator.comparing((Map.Entry<String, Entry> e) -> e.getValue().published())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new Link(e.getValue().url(),
                        "Also reported by " + e.getValue().provider() + ": " + e.getValue().title()))
                .toList();
    }

    /**
     * {@code article} with links to its coverage after its own related links; a link it has already (a seed's, a
     * copy's) is not repeated, so the seed's wins. The article itself when it has no coverage.
     */
    public Article linked(Article article) {
        List<Link> links = linksOf(article.key());
        if (links.isEmpty()) {
            return article;
        }
        Map<String, Link> related = new LinkedHashMap<>();
        article.related().forEach(link -> related.putIfAbsent(CanonicalUrl.keyOf(link.url()), link));
        links.forEach(link -> related.putIfAbsent(CanonicalUrl.keyOf(link.url()), link));
        return article.withRelated(List.copyOf(related.values()));
    }

    /** The evidence of an article's links: for each partner, what they share (read from the first's text). */
    public List<StoryLink> evidenceOf(String key) {
        Entry entry = entries.get(key);
        Map<String, long[]> partners = links.getOrDefault(key, Map.of());
        List<String> keys = new ArrayList<>(partners.keySet());
        keys.add(key);
        Map<String, Article> texts = archive.articles(keys);
        return new TreeMap<>(partners).entrySet().stream().map(e -> {
            Entry partner = entries.get(e.getKey());
            String first = key.compareTo(e.getKey()) < 0 ? key : e.getKey(); // the evidence in one order
            return new StoryLink(entry.url(), partner.url(), partner.provider(),
                    evidence(texts.get(first), e.getValue()));
        }).toList();
    }

    /**
     * The links made since the last call that still hold, each with its evidence as the pair shares it now, for the
     * store and {@code /status}; a link made and undone since is not one. The texts the evidence is read from are
     * read back at once where they were let go.
     */
    public List<StoryLink> drainMade() {
        List<String[]> holding = made.values().stream().filter(pair -> sharedOf(pair) != null).toList();
        made.clear();
        List<List<String>> kept = new ArrayList<>(holding.size());
        Set<String> read = new TreeSet<>();
        for (String[] pair : holding) {
            List<String> words = keptEvidence(pair);
            kept.add(words);
            if (words == null) { // its evidence is read from its first article's text
                read.add(pair[0]);
            }
        }
        Map<String, Article> texts = read.isEmpty() ? Map.of() : archive.articles(read);
        List<Body> bodies = new ArrayList<>();
        texts.values().forEach(a -> {
            bodies.add(a.excerptBody());
            bodies.add(a.body());
        });
        try (Body.Held h = Body.hold(bodies)) {
            List<StoryLink> drained = new ArrayList<>(holding.size());
            for (int i = 0; i < holding.size(); i++) {
                drained.add(storyLink(holding.get(i), kept.get(i), texts));
            }
            return drained;
        }
    }

    /** The terms the pair (keys in order) shares, or null when it is not linked. */
    private long[] sharedOf(String[] pair) {
        return links.getOrDefault(pair[0], Map.of()).get(pair[1]);
    }

    /**
     * The evidence of a linked pair (keys in order) from the evidence kept for its link ({@link #knowLinks}): the
     * terms it shares in its first article's order, each as the kept word whose hash it is; null when no link of
     * theirs was kept or a shared term has no word there.
     */
    private List<String> keptEvidence(String[] pair) {
        if (keptEvidence.isEmpty()) {
            return null;
        }
        Entry a = entries.get(pair[0]);
        List<String> kept = keptEvidence.get(pairOfLinks(a.url(), entries.get(pair[1]).url()));
        if (kept == null) {
            return null;
        }
        long[] shared = sharedOf(pair);
        Map<Long, String> byTerm = new HashMap<>();
        kept.forEach(word -> byTerm.put(term(word), word));
        List<String> words = new ArrayList<>(shared.length);
        for (long term : a.terms()) {
            if (contains(shared, term)) {
                String word = byTerm.get(term);
                if (word == null) {
                    return null;
                }
                words.add(word);
            }
        }
        return words;
    }

    /** How many articles are linked to at least one other. */
    public int linked() {
        return links.size();
    }

    /**
     * A term as a 64-bit hash, its lowest bit set for a name ({@link StoryTerms#isName}). Two terms with one hash
     * (about one chance in 2^63 a pair) would count as one shared term.
     */
    static long term(String word) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < word.length(); i++) {
            h = (h ^ word.charAt(i)) * 0x100000001b3L;
        }
        h = Fingerprint.mix(h);
        return StoryTerms.isName(word) ? h | 1 : h & ~1L;
    }

    /** The index key of a term on a day. */
    private static long posting(long term, long day) {
        return Fingerprint.mix(term ^ day * 0x9e3779b97f4a7c15L);
    }

    /** The outlet an article is shown under ({@link Outlet}). */
    private static String providerName(Article article) {
        return Outlet.name(article.provider(), article.feeds().stream().map(FeedRef::title)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null), article.url());
    }
}
