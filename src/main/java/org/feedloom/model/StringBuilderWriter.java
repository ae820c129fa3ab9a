package org.feedloom.model;

import java.io.Writer;

/**
 * A {@link Writer} into a {@link StringBuilder}, for one thread: {@link java.io.StringWriter} appends to a
 * {@link StringBuffer}, whose every append takes its lock, and gson's JSON writer writes a few characters a call. The
 * store's JSON columns (merge members, lists) are written with it: {@code StringBuffer.append} was 5% of the one
 * writer's samples in a first fetch cycle, and a typical member took 1.3 µs that way against 0.55 µs this way
 * (200,000 times, the JIT warm).
 */
public final class StringBuilderWriter extends Writer {
    private final StringBuilder text;

    public StringBuilderWriter(int capacity) {
        this.text = new StringBuilder(capacity);
    }

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
    }

    @Override
    public void write(String s) {
        text.append(s);
    }

    @Override
    public void write(String s, int offset, int length) {
        text.append(s, offset, offset + length);
    }

    @Override
    public Writer append(CharSequence s) {
        text.append(s);
        return this;
    }

    @Override
    public Writer append(char c) {
        text.append(c);
        return this;
    }

    /** Nothing to flush. */
    @Override
    public void flush() {
        // the text is in memory
    }

    /** Nothing to close: the text stays readable. */
    @Override
    public void close() {
        // the text is in memory
    }

    /** What was written. */
    @Override
    public String toString() {
        return text.toString();
    }
}
