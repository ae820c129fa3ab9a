package org.feedloom.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.feedloom.publish.RenderedFeed;

/**
 * Sends a rendered document with validators: strong ETag, Last-Modified, 304 on a matching {@code If-None-Match}
 * (or, without one, a satisfied {@code If-Modified-Since}), the pre-compressed gzip body when the client accepts
 * gzip, and no body for HEAD. Every answer, 304 included, carries {@code Vary: Accept-Encoding} and the
 * document's content type; a full answer (and its HEAD) carries its {@code Content-Length}. A 304 carries none,
 * as nginx's do: RFC 9110 allows the length a 200 would have had, but clients that trust {@code Content-Length}
 * over the status (http-parser, which wrk and older Node.js use) then wait for a body that never comes.
 */
final class HttpCaching {
    /** IMF-fixdate (RFC 9110): always two-digit days, always GMT. */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpCaching() {}

    /**
     * What to answer for {@code doc} given the request's {@code Accept-Encoding}, {@code If-None-Match} and
     * {@code If-Modified-Since} headers (each may be null). Pure; the same decision for every server path.
     */
    static Reply reply(RenderedFeed doc, String acceptEncoding, String ifNoneMatch, String ifModifiedSince) {
        boolean gzip = acceptsGzip(acceptEncoding);
        String etag = gzip ? doc.gzipEtag() : doc.etag();
        byte[] body = gzip ? doc.gzipBody() : doc.body();
        if (notModified(doc, ifNoneMatch, ifModifiedSince)) {
            return new Reply(304, etag, false, null);
        }
        return new Reply(200, etag, gzip, body);
    }

    /**
     * One answer: its status, the ETag to send, whether the body is the gzip form, and the body (null for 304; its
     * length is the Content-Length of a 200, also for HEAD). The other headers follow from the document: its
     * content type (on 304s too), Last-Modified, {@code Vary: Accept-Encoding}.
     */
    record Reply(int status, String etag, boolean gzip, byte[] body) {}

    static void send(Context ctx, RenderedFeed doc) {
        Reply reply = reply(doc, ctx.header("Accept-Encoding"), ctx.header("If-None-Match"), ctx.header("If-Modified-Since"));
        ctx.header("ETag", reply.etag());
        ctx.header("Last-Modified", lastModified(doc));
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(doc.contentType());
        if (reply.status() == 304) {
            ctx.status(304);
            try {
                ctx.res().flushBuffer(); // commits without a Content-Length (Jetty would add 0 at completion)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        ctx.header("Content-Length", Integer.toString(reply.body().length));
        if (reply.gzip()) {
            ctx.header("Content-Encoding", "gzip");
        }
        if (!ctx.method().name().equals("HEAD")) {
            ctx.result(reply.body());
        }
    }

    static String lastModified(RenderedFeed doc) {
        return HTTP_DATE.format(doc.lastModified());
    }

    static boolean notModified(RenderedFeed doc, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals("*") || t.equals(doc.etag()) || t.equals(doc.gzipEtag())) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !doc.lastModified().isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** True when {@code Accept-Encoding} lists gzip (or *) with a non-zero quality. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.strip().split(";");
            String coding = pieces[0].strip();
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                return !isZeroQuality(pieces);
            }
        }
        return false;
    }

    private static boolean isZeroQuality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) == 0.0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
