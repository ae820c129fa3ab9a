package org.feedloom.model;

/**
 * A problem found in an input file, reported to people as {@code file:line: message}.
 * {@code line} is 1-based; 0 means the problem concerns the whole file.
 */
public record Problem(String file, int line, String message) implements Comparable<Problem> {
    public Problem {
        Checks.notNull(file, "file");
        Checks.notNull(message, "message");
        Checks.argument(line >= 0, "line must be >= 0");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }
}
