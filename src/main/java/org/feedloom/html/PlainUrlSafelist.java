package org.feedloom.html;

import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * The sanitiser's {@link Safelist} with a shortcut for the URL attributes nearly every link and image has: an
 * absolute http(s) URL in a plain form is allowed as it is, without jsoup resolving it against the base (which
 * strips control characters with a regular expression per URL and builds two {@link java.net.URL}s; a third of
 * the cleaner's time on real feeds). The shortcut answers only where jsoup's own test would allow the attribute
 * and leave its value unchanged: a lowercase {@code http://} or {@code https://}, a host of letters, digits, dots
 * and hyphens, an optional port, and a path, query and fragment of printable ASCII without spaces, quotes,
 * backslashes or {@code @}, not starting with a dot segment. Everything else goes to jsoup's test. Checked against
 * jsoup by {@code SanitizerDifferentialTest}. Thread-safe once built.
 */
final class PlainUrlSafelist extends Safelist {
    /**
     * The URL attributes the relaxed list allows and restricts to http(s) among other protocols (it names protocols
     * for {@code cite} on {@code cite} too, but does not allow that attribute).
     */
    private static final Set<String> URL_ATTRIBUTES = Set.of("a href", "img src", "blockquote cite", "q cite");

    PlainUrlSafelist(Safelist copy) {
        super(copy);
    }

    @Override
    public boolean isSafeAttribute(String tagName, Element el, Attribute attr) {
        if (isPlainHttpUrl(attr.getValue()) && URL_ATTRIBUTES.contains(tagName + " " + attr.getKey())) {
            return true;
        }
        return super.isSafeAttribute(tagName, el, attr);
    }

    /** An absolute http(s) URL that jsoup's resolution returns unchanged, whatever the base. */
    static boolean isPlainHttpUrl(String url) {
        int at = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : -1;
        if (at < 0) {
            return false;
        }
        int host = at;
        while (at < url.length() && isHostChar(url.charAt(at))) {
            at++;
        }
        if (at == host) {
            return false;
        }
        if (at < url.length() && url.charAt(at) == ':') {
            int port = ++at;
            while (at < url.length() && url.charAt(at) >= '0' && url.charAt(at) <= '9') {
                at++;
            }
            if (at == port || at - port > 5) {
                return false;
            }
        }
        if (url.startsWith("/./", at) || url.startsWith("/../", at)) {
            return false; // jsoup drops leading dot segments
        }
        for (int i = at; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '"' || c == '\'' || c == '\\' || c == '@' || c == '<' || c == '>') {
                return false;
            }
        }
        return at == url.length() || "/?#".indexOf(url.charAt(at)) >= 0;
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }
}
