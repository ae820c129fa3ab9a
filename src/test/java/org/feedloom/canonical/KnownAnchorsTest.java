package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.testing.TextRows;
import org.junit.jupiter.api.Test;

/**
 * A merge given the anchors an earlier merge read ({@link MergedArticles#knowAnchors}: what a restart's merge of the
 * stored archive gets from the store) reads no text for them, merges the same articles, and reads a text whose words
 * changed since (the anchors it was given name another text).
 */
class KnownAnchorsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Function<String, Instant> FIRST_SEEN = key -> T0;
    /** Five unrelated stories: no run of five words in common, so no two are compared as copies. */
    private static final String[] STORIES = {
        "The harbour bridge will close to cars next spring after engineers found corroded steel supports under its "
                + "northern span, and buses are to be sent over the ring road while a replacement is designed",
        "Teachers at the three secondary schools voted to accept a revised budget that keeps music lessons, though "
                + "class sizes in the lower years will grow by two pupils from September onwards",
        "Flood defences along the river were raised by half a metre over the winter, and the agency says the new "
                + "gates held back the highest water recorded in the valley since gauges were installed",
        "Opening hours at the central library are extended to eight in the evening on weekdays, funded by a "
                + "grant that also pays for a homework club and a new collection of audiobooks",
        "Night buses return to four routes from Friday, the transport authority announced, restoring services cut "
                + "during the pandemic and adding stops near the hospital and the university campus"};
    private static final String[] SUBJECTS = {"harbour bridge", "school budget", "river flood defences",
        "library opening hours", "night bus routes"};

    private static String story(int i, String edit) {
        return "<p>" + STORIES[i] + edit + ".</p>";
    }

    /** The five unrelated stories, their texts let go to {@code rows}; {@code edited} has another last sentence. */
    private static List<Item> stories(TextRows rows, int edited) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < SUBJECTS.length; i++) {
            String url = "https://news" + i + ".example/story-" + i;
            String source = "source:news" + i;
            String text = story(i, i == edited ? ", officials said on Tuesday" : "");
            Body content = rows.stored(source, url, Body.Part.CONTENT, text);
            items.add(new Item(Origin.FEED, source, List.of(url), "Council to review the " + SUBJECTS[i], null, content,
                    T0.plusSeconds(3_600L * i), null, new Provider("News " + i, null, List.of()), List.of(), List.of(),
                    List.of(), List.of(), null, null, SeedFacts.NONE, url, null));
        }
        return items;
    }

    @Test
    void aMergeGivenEarlierAnchors_readsNoTextForThem_andMergesTheSame_butReadsATextThatChanged() {
        TextRows rows = new TextRows();
        MergedArticles first = new MergedArticles();
        MergedArticles.Change firstChange = first.apply(List.of(), stories(rows, -1), new PublishedIds(),
                FIRST_SEEN);
        assertEquals(SUBJECTS.length, rows.reads(), "the first merge reads every text for its anchors");
        assertEquals(SUBJECTS.length, firstChange.anchors().size(), "one text an article, each with its anchors");
        firstChange.anchors().values().forEach(a -> assertTrue(a.anchors().length > 0, a.toString()));

        TextRows restarted = new TextRows(); // the same rows read back after a restart: other objects, the same texts
        MergedArticles again = new MergedArticles();
        again.knowAnchors(firstChange.anchors().values());
        MergedArticles.Change change = again.apply(List.of(), stories(restarted, -1), new PublishedIds(),
                FIRST_SEEN);
        assertEquals(0, restarted.reads(), "no text read: its anchors were given");
        assertEquals(first.articles(), again.articles());
        assertEquals(Map.of(), change.anchors(), "and none new to keep: the store has them");

        TextRows edited = new TextRows();
        MergedArticles afterEdit = new MergedArticles();
        afterEdit.knowAnchors(firstChange.anchors().values());
        MergedArticles.Change editedChange = afterEdit.apply(List.of(), stories(edited, 2), new PublishedIds(),
                FIRST_SEEN);
        assertEquals(1, edited.reads(), "the edited story's text is read, the others' are not");
        String key = "news2.example/story-2";
        assertTrue(firstChange.anchors().containsKey(key), firstChange.anchors().keySet().toString());
        assertEquals(Set.of(key), editedChange.anchors().keySet(), "only the edited story's are new to keep");
        assertNotEquals(firstChange.anchors().get(key), editedChange.anchors().get(key), "another text, named anew");

        TextRows inParts = new TextRows(); // a restart's merge in parts: each takes the anchors of its texts
        MergedArticles parted = new MergedArticles();
        parted.knowAnchors(firstChange.anchors().values());
        List<Item> all = stories(inParts, -1);
        parted.apply(List.of(), all.subList(0, 2), new PublishedIds(), FIRST_SEEN);
        assertEquals(SUBJECTS.length - 2, parted.knownTexts(), "the first part's texts are let go");
        parted.apply(List.of(), all.subList(2, all.size()), new PublishedIds(), FIRST_SEEN);
        assertEquals(0, parted.knownTexts(), "and the rest's");
        Item taken = all.get(0); // the first part's article taken up again: another source's copy of it joins
        Item copy = new Item(Origin.FEED, "source:elsewhere", taken.urls(), taken.title(), null,
                new TextRows().stored("source:elsewhere", taken.urls().get(0), Body.Part.CONTENT, story(0, "")),
                taken.published(), null, taken.provider(), List.of(), List.of(), List.of(), List.of(), null, null,
                SeedFacts.NONE, taken.urls().get(0), null);
        parted.apply(List.of(), List.of(copy), new PublishedIds(), FIRST_SEEN);
        assertEquals(0, inParts.reads(), "no text of the parts read: the state holds the anchors of the articles it "
                + "took (the copy's own text, new, is read)");
        MergedArticles atOnce = new MergedArticles();
        atOnce.apply(List.of(), List.of(all.get(0), all.get(1), all.get(2), all.get(3), all.get(4), copy),
                new PublishedIds(), FIRST_SEEN);
        assertEquals(atOnce.articles(), parted.articles());

        afterEdit.forgetAnchors();
        TextRows forgotten = new TextRows();
        afterEdit.apply(stories(edited, 2), stories(forgotten, -1), new PublishedIds(), FIRST_SEEN);
        assertTrue(forgotten.reads() > 0, "once forgotten, texts are read again");
    }
}
