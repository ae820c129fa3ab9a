package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.junit.jupiter.api.Test;

/** The source {@code exclude:} keywords (issue 11). */
class SourceExcludesTest {
    static Source source(String id, List<String> exclude) {
        return new Source(id, null, "https://" + id + ".example/feed", null, List.of(), exclude, Duration.ofHours(1),
                true, null);
    }

    static Item item(String source, String url, String title, String excerpt, List<String> categories) {
        return new Item(Origin.FEED, "source:" + source, List.of(url), title, Body.of(excerpt), null, null, null, null,
                List.of(), categories, List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    private final SourceExcludes excludes = new SourceExcludes(List.of(source("news", List.of("sponsored", "gift guide")),
            source("other", List.of())));

    @Test
    void drops_anItemOfThatSourceWithAKeyword_inItsTitleExcerptOrCategories_likeTopicKeywords() {
        assertTrue(excludes.drops("news", item("news", "https://a/1", "SPONSORED: a phone", null, List.of())));
        assertTrue(excludes.drops("news", item("news", "https://a/2", "Phones", "<p>The <i>gift guide</i></p>", List.of())));
        assertTrue(excludes.drops("news", item("news", "https://a/3", "Phones", null, List.of("Sponsored"))));
        assertFalse(excludes.drops("news", item("news", "https://a/4", "Unsponsored thoughts", null, List.of())),
                "on word boundaries");
        assertFalse(excludes.drops("other", item("other", "https://a/5", "Sponsored", null, List.of())),
                "only the source's own excludes");
        assertFalse(excludes.drops("unknown", item("unknown", "https://a/6", "Sponsored", null, List.of())));
    }

    @Test
    void keep_dropsTheExcludedItems_keepsTheOrder_andCountsPerSourceWithAnExclude() {
        Item ad = item("news", "https://a/1", "Sponsored", null, List.of());
        Item story = item("news", "https://a/2", "Story", null, List.of());
        Item elsewhere = item("other", "https://b/1", "Sponsored", null, List.of());
        Item story2 = item("news", "https://a/3", "Another story", null, List.of());
        SourceExcludes.Kept news = excludes.keep("news", List.of(story, ad, story2));
        assertEquals(List.of(story, story2), news.items());
        assertEquals(1, news.dropped());
        SourceExcludes.Kept other = excludes.keep("other", List.of(elsewhere));
        assertEquals(List.of(elsewhere), other.items());
        assertNull(other.dropped(), "a source without an exclude counts nothing");
        assertEquals(List.of(ad, story), SourceExcludes.NONE.keep("news", List.of(ad, story)).items());
    }
}
