package org.feedloom.publish;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;

/** Renders OPML 2.0 listing every topic's Atom feed, for one-step import into a reader. Pure; thread-safe. */
public final class OpmlRenderer {
    private final SiteInfo site;

    public OpmlRenderer(SiteInfo site) {
        this.site = site;
    }

    public byte[] render(Catalog catalog, String baseUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("opml");
            w.writeAttribute("version", "2.0");
            w.writeCharacters("\n  ");
            w.writeStartElement("head");
            element(w, "title", site.title() + " feeds");
            Instant updated = catalog.updatedOf(Topic.ALL_SLUG);
            element(w, "dateModified", DateTimeFormatter.RFC_1123_DATE_TIME.format(updated.atOffset(ZoneOffset.UTC)));
            element(w, "docs", "http://opml.org/spec2.opml");
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeStartElement("body");
            for (Topic topic : catalog.topics()) {
                w.writeCharacters("\n    ");
                w.writeEmptyElement("outline");
                w.writeAttribute("type", "rss");
                w.writeAttribute("text", topic.name());
                w.writeAttribute("title", site.title() + " — " + topic.name());
                w.writeAttribute("xmlUrl", AtomRenderer.feedUrl(baseUrl, topic));
                w.writeAttribute("htmlUrl", baseUrl);
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("publish: cannot render OPML", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
