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
 * request, and every path it does not find, goes on to Javalin (the wrapped handler), so 404s, errors, odd paths
 * and {@code ?page=} stay Javalin's. Thread-safe.
 */
final class FeedFastPath extends Handler.Wrapper {
    /** The raw (undecoded) path of a feed; anything else, percent-encoded or dotted, is left to Javalin. */
    private static final Pattern PATH = Pattern.compile("/feeds/(?:[a-z0-9]+(?:-[a-z0-9]+)*\\.(?:xml|rss|json)|index\\.opml)");
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private final WebApp app;
    private final HttpField cacheControl;
    /** The header fields of the document last served at each path, encoded once per document. */
    private final ConcurrentHashMap<String, Prepared> prepared = new ConcurrentHashMap<>();

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
            RenderedFeed doc = find(request, path.substring("/feeds/".length()));
            if (doc != null) {
                send(request, response, callback, prepare(path, doc), head);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    private RenderedFeed find(Request request, String file) {
        HttpFields headers = request.getHeaders();
        Catalog catalog = app.catalog();
        try {
            return app.document(catalog, file, null, app.base(headers.get(HttpHeader.HOST),
                    request.getHttpURI().getScheme(), Request.getLocalAddr(request), Request.getLocalPort(request)));
        } catch (RuntimeException e) {
            return null; // Javalin's route tries again and maps the error
        }
    }

    /** The document's header fields, reused while the same document is served at {@code path}. */
    private Prepared prepare(String path, RenderedFeed doc) {
        Prepared p = prepared.get(path);
        if (p == null || p.doc() != doc) {
            p = new Prepared(doc, new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, doc.contentType()),
                    new PreEncodedHttpField(HttpHeader.ETAG, doc.etag()),
                    new PreEncodedHttpField(HttpHeader.ETAG, doc.gzipEtag()),
                    new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, HttpCaching.lastModified(doc)));
            prepared.put(path, p);
        }
        return p;
    }

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
        out.put(HttpHeader.CONTENT_LENGTH, reply.length());
        if (head || body == null) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
