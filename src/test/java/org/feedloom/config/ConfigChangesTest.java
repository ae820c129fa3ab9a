package org.feedloom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.feedloom.model.Source;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
    static Source source(String id, String url, List<String> topics) {
        return new Source(id, null, url, null, topics, List.of(), null, true, "sources.yaml:1");
    }

    @Test
    void restartOnlyChanges_namesTheSectionsAReloadCannotApply() {
        FeedloomConfig a = FeedloomConfig.defaults();
        FeedloomConfig b = new FeedloomConfig(new FeedloomConfig.Site("Other", null, null, 50), List.of(), List.of(),
                null, null, null, new FeedloomConfig.Admin("a-long-enough-admin-token"), null, null);
        assertEquals(List.of(), ConfigChanges.restartOnly(a, a));
        assertEquals(List.of("site", "admin"), ConfigChanges.restartOnly(a, b));
        FeedloomConfig onPostgres = new FeedloomConfig(null, null, null, null, null, null, null, null, null,
                new FeedloomConfig.Store("postgresql://feedloom@db.example.org/feedloom"));
        assertEquals(List.of("store"), ConfigChanges.restartOnly(a, onPostgres), "issue 14");
        FeedloomConfig stricter = new FeedloomConfig(null, null, null, null, null, null, null, null, null, null,
                new FeedloomConfig.Folding(true, 90, 14, 20, List.of(), List.of()),
                new FeedloomConfig.Related(false, 72, 2, 50_000));
        assertEquals(List.of("folding", "related"), ConfigChanges.restartOnly(a, stricter), "issue 15");
    }

    @Test
    void sources_removedNewAndChanged_areTold_andUnchangedOnesAreNot() {
        Source kept = source("kept", "https://a.example/feed", List.of());
        Source gone = source("gone", "https://b.example/feed", List.of());
        Source moved = source("moved", "https://c.example/feed", List.of());
        Source movedNow = source("moved", "https://c.example/new-feed", List.of());
        Source added = source("added", "https://d.example/feed", List.of());
        ConfigChanges.Sources changes = ConfigChanges.sources(List.of(kept, gone, moved), List.of(added, movedNow, kept));
        assertEquals(List.of(gone), changes.removed());
        assertEquals(List.of(new ConfigChanges.Change(null, added), new ConfigChanges.Change(moved, movedNow)),
                changes.changed());
        assertTrue(changes.changed().get(0).isNew());
        assertFalse(changes.changed().get(0).feedMoved(), "a new source has no feed to move from");
        assertTrue(changes.changed().get(1).feedMoved());
        assertTrue(changes.itemsChanged(), "a removed source's items leave the feeds");
    }

    @Test
    void sources_onlyATopicChange_changesTheItems_anotherChangeDoesNot() {
        Source before = source("s", "https://a.example/feed", List.of("AI"));
        ConfigChanges.Sources topics = ConfigChanges.sources(List.of(before),
                List.of(source("s", "https://a.example/feed", List.of("AI", "Robots"))));
        assertTrue(topics.changed().get(0).topicsChanged());
        assertTrue(topics.itemsChanged());
        Source renamed = new Source("s", "A new name", "https://a.example/feed", null, List.of("AI"), List.of(), null,
                true, "sources.yaml:1");
        ConfigChanges.Sources name = ConfigChanges.sources(List.of(before), List.of(renamed));
        assertEquals(1, name.changed().size());
        assertFalse(name.changed().get(0).feedMoved());
        assertFalse(name.itemsChanged());
        assertEquals(List.of(), ConfigChanges.sources(List.of(before), List.of(before)).changed());
    }
}
