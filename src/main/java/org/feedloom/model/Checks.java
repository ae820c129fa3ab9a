package org.feedloom.model;

import java.util.Objects;

/** Argument checks for compact constructors; each throws {@link IllegalArgumentException} with the message given. */
public final class Checks {
    private Checks() {}

    public static <T> T notNull(T value, String what) {
        return Objects.requireNonNull(value, () -> what + " must not be null");
    }

    public static void argument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Null, empty or blank strings become {@code null}; others are stripped. */
    public static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
