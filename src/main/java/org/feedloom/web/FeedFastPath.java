package org.feedloom.web;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedloom.model.Catalog;
import org.feedloom.publish.RenderedFeed;

/**
 * Serves {@code GET}/{@code HEAD /feeds/<slug>.(xml|rss|json)} and {@code /feeds/index.opml} without a query
 * straight from the rendered documents, on Jetty's own request API: the same lookup ({@link WebApp#document}),
 * the same caching decision ({@link HttpCaching#reply}) and the same headers as the Javalin route, without the
 * servlet, session and routing layers, which cost most of the time of serving a cached feed. Every other
 * request, and every path it does not find, goes on to Javalin (the wrapped handler), so 404s, the 301s of former
 * slugs, errors, odd paths and {@code ?page=} stay Javalin's. Thread-safe.
 */
final class FeedFastPath extends Handler.Wrapper {
    /** The raw (undecoded) path of a feed; anything else, percent-encoded or dotted, is left to Javalin. */
    private static final Pattern PATH = Pattern.compile("/feeds/(?:[a-z0-9]+(?:-[a-z0-9]+)*\\.(?:xml|rss|json)|index\\.opml)");
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private final WebApp app;
    private final HttpField cacheControl;
    /** The last answer for each feed path (a handful of paths; each entry replaced when its inputs change). */
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    FeedFastPath(WebApp app) {
        this.app = app;
        this.cacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, app.cacheControl());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean head = method.equals("HEAD");
        String path = request.getHttpURI().getPath();
        if ((head || method.equals("GET")) && request.getHttpURI().getQuery() == null && path != null
                && PATH.matcher(path).matches()) {
            Prepared p = lookup(request, path);
            if (p != null) {
                send(request, response, callback, p, head);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /**
     * The document at {@code path} with its header fields. The last answer for a path is reused while the
     * catalog, the Host header and the scheme are the same ones (the inputs of {@link WebApp#document} and the
     * base URL), so a feed fetched again and again costs no lookup; anything else asks {@link WebApp#document}.
     */
    private Prepared lookup(Request request, String path) {
        Catalog catalog = app.catalog();
        String host = request.getHeaders().get(HttpHeader.HOST);
        String scheme = request.getHttpURI().getScheme();
        Entry last = entries.get(path);
        if (last != null && last.catalog() == catalog && host != null && host.equals(last.host())
                && java.util.Objects.equals(scheme, last.scheme())) {
            return last.prepared();
        }
        RenderedFeed doc;
        try {
            doc = app.document(catalog, path.substring("/feeds/".length()), null,
                    app.base(host, scheme, Request.getLocalAddr(request), Request.getLocalPort(request)));
        } catch (RuntimeException e) {
            return null; // Javalin's route tries again and maps the error
        }
        if (doc == null) {
            return null;
        }
        Prepared p = last != null && last.prepared().doc() == doc ? last.prepared() : prepare(doc);
        if (host != null) {
            entries.put(path, new Entry(catalog, host, scheme, p));
        }
        return p;
    }

    /** The document's header fields, encoded once. */
    private static Prepared prepare(RenderedFeed doc) {
        return new Prepared(doc, new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, doc.contentType()),
                new PreEncodedHttpField(HttpHeader.ETAG, doc.etag()),
                new PreEncodedHttpField(HttpHeader.ETAG, doc.gzipEtag()),
                new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, HttpCaching.lastModified(doc)));
    }

    /** What was answered for a path, and for which catalog, Host header and scheme. */
    private record Entry(Catalog catalog, String host, String scheme, Prepared prepared) {}

    private record Prepared(RenderedFeed doc, HttpField contentType, HttpField etag, HttpField gzipEtag,
                            HttpField lastModified) {}

    private void send(Request request, Response response, Callback callback, Prepared p, boolean head) {
        HttpFields headers = request.getHeaders();
        HttpCaching.Reply reply = HttpCaching.reply(p.doc(), headers.get(HttpHeader.ACCEPT_ENCODING),
                headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_MODIFIED_SINCE));
        HttpFields.Mutable out = response.getHeaders();
        response.setStatus(reply.status());
        out.add(p.contentType());
        out.add(cacheControl);
        out.add(reply.etag().equals(p.doc().gzipEtag()) ? p.gzipEtag() : p.etag());
        out.add(p.lastModified());
        out.add(VARY);
        if (reply.gzip()) {
            out.add(GZIP);
        }
        byte[] body = reply.body();
        if (body == null) {
            // a 304: headers committed by a write that is not the last, since Jetty gives a response completed by
            // its first write a Content-Length of what was written (0); the generator sends no body after a 304
            response.write(false, null, Callback.from(callback::succeeded, callback::failed));
            return;
        }
        out.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }
}
