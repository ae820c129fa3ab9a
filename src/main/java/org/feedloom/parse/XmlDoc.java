package org.feedloom.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feed's XML text, decoded and cleaned ({@link XmlText}), with where its root element starts: found by the one
 * scan of its prolog ({@link Prolog#read}) and kept, so that the repairs and the error messages do not scan the
 * prolog again. {@code rootStart} is the text's length when it has no root element. Immutable.
 */
record XmlDoc(String text, int rootStart) {
    private static final Pattern ROOT_NAME = Pattern.compile("<([A-Za-z_][\\w.:-]*)");

    /** The root element's name, or "" if there is none. */
    String rootName() {
        Matcher m = ROOT_NAME.matcher(text).region(Math.min(rootStart, text.length()), text.length());
        return m.lookingAt() ? m.group(1) : "";
    }

    /** The document with {@code changed} text whose root element starts where this one's does. */
    XmlDoc with(String changed) {
        return new XmlDoc(changed, rootStart);
    }
}
