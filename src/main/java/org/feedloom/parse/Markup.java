package org.feedloom.parse;

import java.util.List;
import org.jdom2.Element;

/**
 * An element of an item's foreign markup as the rules of {@link Extensions} read it, whichever path found it:
 * ROME's JDOM elements ({@link #of}) and the StAX reader's {@link Node}s. Read-only.
 */
interface Markup {
    String ns();

    String name();

    /** The value of the attribute of that local name in no namespace, or null. */
    String attr(String local);

    /** The element's own text, as JDOM's {@code getText()}. */
    String text();

    /** {@link #text} trimmed, with runs of whitespace as one space, as JDOM's {@code getTextNormalize()}. */
    String textNormalize();

    List<? extends Markup> children();

    /** A JDOM element seen as markup. */
    static Markup of(Element el) {
        return new Markup() {
            @Override
            public String ns() {
                return el.getNamespaceURI();
            }

            @Override
            public String name() {
                return el.getName();
            }

            @Override
            public String attr(String local) {
                return el.getAttributeValue(local);
            }

            @Override
            public String text() {
                return el.getText();
            }

            @Override
            public String textNormalize() {
                return el.getTextNormalize();
            }

            @Override
            public List<? extends Markup> children() {
                return el.getChildren().stream().map(Markup::of).toList();
            }
        };
    }
}
