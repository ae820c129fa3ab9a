package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedListsTest {
    @Test
    void anEqualList_isTheOneHandedOutFirst_untilTheLimit_thenEachListAsGiven() {
        SharedLists lists = new SharedLists(2);
        List<String> a = List.of("source:a");
        assertSame(a, lists.of(a));
        assertSame(a, lists.of(List.of("source:a")), "an equal list: the first one");
        List<String> b = List.of("source:a", "source:b");
        assertSame(b, lists.of(b));
        List<String> c = List.of("source:c");
        assertSame(c, lists.of(c), "past the limit, the list given");
        List<String> anotherC = List.of("source:c");
        assertNotSame(c, lists.of(anotherC), "a list past the limit is not held");
        assertEquals(c, lists.of(anotherC));
        assertSame(b, lists.of(List.of("source:a", "source:b")), "what is held stays shared");
    }
}
