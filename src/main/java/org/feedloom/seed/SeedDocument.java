package org.feedloom.seed;

import java.util.List;

/**
 * A seed file split into its YAML front matter and its body.
 *
 * @param yaml       the front matter (or the whole file when it has no {@code ---} fence)
 * @param yamlLine   the 1-based file line of the YAML's first line
 * @param body       the text after the closing fence, stripped; null when there is none
 */
record SeedDocument(String yaml, int yamlLine, String body) {

    /** Splits a file's text; a file that does not start with a {@code ---} line is all YAML. */
    static SeedDocument split(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        int open = 0;
        while (open < lines.size() && lines.get(open).isBlank()) {
            open++;
        }
        if (open == lines.size() || !isFence(lines.get(open))) {
            return new SeedDocument(text, 1, null);
        }
        int close = open + 1;
        while (close < lines.size() && !isFence(lines.get(close)) && !lines.get(close).strip().equals("...")) {
            close++;
        }
        String yaml = String.join("\n", lines.subList(open + 1, close));
        String body = close + 1 < lines.size() ? String.join("\n", lines.subList(close + 1, lines.size())).strip() : "";
        return new SeedDocument(yaml, open + 2, body.isEmpty() ? null : body);
    }

    private static boolean isFence(String line) {
        return line.stripTrailing().equals("---");
    }
}
