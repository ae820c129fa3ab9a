package org.feedloom.testing;

import java.util.HashMap;
import java.util.Map;
import org.feedloom.model.Body;

/** Item rows' texts as a store keeps them, for bodies let go to them, counting the texts read. Not thread-safe. */
public final class TextRows implements Body.Source {
    private final Map<String, String> texts = new HashMap<>();
    private int reads;
    private int failFrom = Integer.MAX_VALUE;

    @Override
    public String text(String sourceId, String itemKey, Body.Part part) {
        if (++reads >= failFrom) {
            throw new java.io.UncheckedIOException(new java.io.IOException("disk I/O error reading the item "
                    + itemKey + " of " + sourceId));
        }
        return texts.get(sourceId + " " + itemKey + " " + part);
    }

    /**
     * Has the {@code read}th text read (counting from the first, as {@link #reads} does) and every one after fail, as
     * a failing disk fails a store's reads; {@link Integer#MAX_VALUE} to read again.
     */
    public void failFromRead(int read) {
        failFrom = read;
    }

    /** Puts {@code text} as the {@code part} of the item of {@code sourceId} under {@code itemKey}. */
    public void put(String sourceId, String itemKey, Body.Part part, String text) {
        texts.put(sourceId + " " + itemKey + " " + part, text);
    }

    /** A body of {@code text} let go from the start, as a restart reads it: read from these rows when asked. */
    public Body stored(String sourceId, String itemKey, Body.Part part, String text) {
        put(sourceId, itemKey, part, text);
        return Body.stored(this, sourceId, itemKey, part, text.length(), Body.hashOf(text));
    }

    /** How many texts were read. */
    public int reads() {
        return reads;
    }
}
