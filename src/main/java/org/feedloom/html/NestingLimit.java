package org.feedloom.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bounds how deep the HTML handed to jsoup can nest, as browsers do (they stop at 512): jsoup's tree builder
 * searches its stack of open elements for every tag, so 50,000 nested {@code <div>}s cost it minutes. Start
 * tags that would open an element deeper than the limit are removed, with the end tags that match them; text
 * stays. Tags are found by a rough linear scan (void elements and {@code />} on them do not nest; an end tag
 * closes the nearest open element of its name, if any), which errs on the side of counting too deep. Pure.
 */
final class NestingLimit {
    static final int MAX_DEPTH = 256;
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame");

    private NestingLimit() {}

    static String apply(String html) {
        if (html.length() < 5 * MAX_DEPTH) {
            return html; // too short to nest that deep
        }
        List<String> open = new ArrayList<>();
        List<String> removedOpen = new ArrayList<>(); // names of start tags removed and not yet closed
        StringBuilder out = null;
        int copied = 0;
        int n = html.length();
        for (int lt = html.indexOf('<'); lt >= 0 && lt + 1 < n; lt = html.indexOf('<', lt + 1)) {
            boolean end = html.charAt(lt + 1) == '/';
            int nameStart = end ? lt + 2 : lt + 1;
            int nameEnd = nameStart;
            while (nameEnd < n && Character.isLetterOrDigit(html.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == nameStart || !Character.isLetter(html.charAt(nameStart))) {
                continue;
            }
            int gt = html.indexOf('>', nameEnd);
            if (gt < 0) {
                break;
            }
            boolean remove = remove(html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT), end, open, removedOpen);
            if (remove) {
                out = out == null ? new StringBuilder(n) : out;
                out.append(html, copied, lt);
                copied = gt + 1;
            }
            lt = gt;
        }
        return out == null ? html : out.append(html, copied, n).toString();
    }

    /**
     * Whether the tag goes: a start tag that would open an element deeper than the limit, and the end tag that
     * matches one removed; {@code open} and {@code removedOpen} (names of start tags removed and not yet closed)
     * are kept up to date.
     */
    private static boolean remove(String name, boolean end, List<String> open, List<String> removedOpen) {
        if (end) {
            int at = open.lastIndexOf(name);
            if (at >= 0) {
                open.subList(at, open.size()).clear();
                return false;
            }
            return removedOpen.remove(name);
        }
        if (VOID.contains(name)) {
            return false;
        }
        if (open.size() < MAX_DEPTH) {
            open.add(name);
            return false;
        }
        if (removedOpen.size() < 1024) {
            removedOpen.add(name);
        }
        return true;
    }
}
