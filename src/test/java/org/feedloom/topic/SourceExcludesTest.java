package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;

/** The source {@code exclude:} keywords (issue 11). */
class SourceExcludesTest {
    static Item item(String source, String url, String title, String excerpt, List<String> categories) {
        return new Item(Origin.FEED, "source:" + source, List.of(url), title, Body.of(excerpt), null, null, null, null,
                List.of(), categories, List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    private static final List<String> NEWS = List.of("sponsored", "gift guide");

    private static boolean drops(List<String> exclude, Item item) {
        return SourceExcludes.kept(exclude, List.of(item)).isEmpty();
    }

    @Test
    void drops_anItemWithAKeyword_inItsTitleExcerptOrCategories_likeTopicKeywords() {
        assertTrue(drops(NEWS, item("news", "https://a/1", "SPONSORED: a phone", null, List.of())));
        assertTrue(drops(NEWS, item("news", "https://a/2", "Phones", "<p>The <i>gift guide</i></p>", List.of())));
        assertTrue(drops(NEWS, item("news", "https://a/3", "Phones", null, List.of("Sponsored"))));
        assertFalse(drops(NEWS, item("news", "https://a/4", "Unsponsored thoughts", null, List.of())),
                "on word boundaries");
        assertFalse(drops(List.of(), item("other", "https://a/5", "Sponsored", null, List.of())),
                "a source without keywords drops nothing");
    }

    @Test
    void kept_dropsTheExcludedItems_andKeepsTheOrder() {
        Item ad = item("news", "https://a/1", "Sponsored", null, List.of());
        Item story = item("news", "https://a/2", "Story", null, List.of());
        Item story2 = item("news", "https://a/3", "Another story", null, List.of());
        assertEquals(List.of(story, story2), SourceExcludes.kept(NEWS, List.of(story, ad, story2)));
        assertEquals(List.of(ad, story), SourceExcludes.kept(List.of(), List.of(ad, story)));
    }
}
