package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void provenance_namesTheSource_andIdOfReadsItBack_butNoSeed() {
        Source s = new Source("blog-a", "Blog A", "https://a.example.org/feed", null, List.of(), List.of(), null,
                true, null);
        assertEquals("source:blog-a", s.provenance());
        assertEquals("blog-a", Source.idOf(s.provenance()));
        assertEquals("source:x", Source.idOf("source:source:x"), "only the prefix is taken off");
        assertNull(Source.idOf("seed:000-article.yaml"));
    }
}
