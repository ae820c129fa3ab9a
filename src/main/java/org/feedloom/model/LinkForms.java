package org.feedloom.model;

/**
 * How most articles' links are written around their canonical key: a scheme, perhaps {@code www.}, the key, perhaps a
 * closing slash ({@code https://www.} + {@code gazette.example/bridge} + {@code /}); 1,264 of the 1,382 links of the
 * real-world captures in the test corpus are. An {@link Article} whose link takes one of these forms holds the form's
 * marker in its place and writes the link out when asked, so a large archive's heap does not hold each link's text
 * beside its key (about 130 bytes an article).
 *
 * <p>A marker is a string object of its own, told by identity; its text holds a NUL, which no link has (a link is a
 * URI), so a marker never equals a link held as it is, and articles compare by their fields as before: one link and
 * one key give one field.
 */
final class LinkForms {
    private record Form(String prefix, String suffix, String marker) {
        Form(String prefix, String suffix) {
            this(prefix, suffix, new String(prefix + "\u0000" + suffix)); // an object of its own, never interned
        }

        boolean writes(String key, String link) {
            return link.length() == prefix.length() + key.length() + suffix.length() && link.startsWith(prefix)
                    && link.startsWith(key, prefix.length()) && link.endsWith(suffix);
        }
    }

    private static final Form[] FORMS = {
        new Form("https://", ""), new Form("http://", ""), new Form("https://www.", ""), new Form("http://www.", ""),
        new Form("https://", "/"), new Form("http://", "/"), new Form("https://www.", "/"), new Form("http://www.", "/"),
    };

    private LinkForms() {
    }

    /** What an article of {@code key} holds for {@code link}: the marker of the form it takes, or the link itself. */
    static String held(String key, String link) {
        for (Form f : FORMS) {
            if (f.writes(key, link)) {
                return f.marker;
            }
        }
        return link;
    }

    /** The link that {@code held} ({@link #held}) stands for beside {@code key}. */
    static String link(String key, String held) {
        for (Form f : FORMS) {
            if (held == f.marker) {
                return f.prefix + key + f.suffix;
            }
        }
        return held;
    }
}
