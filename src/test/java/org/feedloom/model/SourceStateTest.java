package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.feedloom.model.SourceState.Status;
import org.junit.jupiter.api.Test;

class SourceStateTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    final SourceState state = new SourceState("s", "https://s.example/", "https://s.example/feed", "\"e\"",
            "Mon, 23 Nov 2026 09:00:00 GMT", Status.BACKING_OFF, 2, T, T.minusSeconds(60), T.plusSeconds(600), 500, 20, 3,
            "fetch: HTTP 500");

    @Test
    void withFeedUrl_changesTheUrlAndDropsTheOldUrlsValidators_only() {
        assertEquals(new SourceState("s", "https://s.example/", "https://s.example/rss", null, null, Status.BACKING_OFF, 2,
                T, T.minusSeconds(60), T.plusSeconds(600), 500, 20, 3, "fetch: HTTP 500"),
                state.withFeedUrl("https://s.example/rss"));
    }

    @Test
    void withNextFetch_changesTheNextFetch_only() {
        assertEquals(new SourceState("s", "https://s.example/", "https://s.example/feed", "\"e\"",
                "Mon, 23 Nov 2026 09:00:00 GMT", Status.BACKING_OFF, 2, T, T.minusSeconds(60), null, 500, 20, 3,
                "fetch: HTTP 500"), state.withNextFetch(null));
    }

    @Test
    void disabledByConfiguration_saysSo_andPlansNoFetch() {
        assertEquals(new SourceState("s", "https://s.example/", "https://s.example/feed", "\"e\"",
                "Mon, 23 Nov 2026 09:00:00 GMT", Status.DISABLED, 2, T, T.minusSeconds(60), null, 500, 20, 3,
                "disabled in the configuration"), state.disabledByConfiguration());
    }
}
