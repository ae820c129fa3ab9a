package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlKeysTest {

    @Test
    void aUrlGivenAgainAsAnotherStringOfTheSameText_getsTheSameKey_computedOnce() {
        List<String> computed = new ArrayList<>();
        UrlKeys keys = new UrlKeys(4, key -> {
            computed.add(key);
            return key;
        });
        String url = "https://www.example.com/a?utm_source=rss";
        String sameText = new String(url.toCharArray()); // a copy's string: equal, not the same object
        assertNotSame(url, sameText);

        String key = keys.apply(url);
        assertEquals(CanonicalUrl.keyOf(url), key);
        assertSame(key, keys.apply(url));
        assertSame(key, keys.apply(sameText));
        assertSame(key, keys.apply(new String(url.toCharArray())));
        assertEquals(List.of(key), computed, "one text, one key computed");
    }

    @Test
    void eachKeyIsTheOneTheSharingFunctionGives() {
        String shared = new String(CanonicalUrl.keyOf("https://example.com/b").toCharArray()); // a record's string
        UrlKeys keys = new UrlKeys(4, key -> key.equals(shared) ? shared : key);

        String key = keys.apply("https://example.com/b?fbclid=1");
        assertSame(shared, key);
        assertSame(shared, keys.apply("http://www.example.com/b/"));
        assertEquals(CanonicalUrl.keyOf("https://example.com/c"), keys.apply("https://example.com/c"));
    }
}
