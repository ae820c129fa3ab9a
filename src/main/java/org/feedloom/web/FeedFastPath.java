package org.feedloom.web;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedloom.model.Catalog;

/**
 * Serves {@code GET}/{@code HEAD /feeds/<slug>.(xml|rss|json)} and {@code /feeds/index.opml} without a query
 * straight from the answers of {@link FeedFiles} (the same table and cache as the Javalin route), with the same
 * caching decision ({@link HttpCaching#reply}) and the same headers, on Jetty's own request API: without the
 * servlet, session and routing layers, which cost most of the time of serving a cached feed. Every other request,
 * and every path it does not find, goes on to Javalin (the wrapped handler), so 404s, the 301s of former slugs,
 * errors, odd paths and {@code ?page=} stay Javalin's. Counts what it answers under the route's template. Thread-safe.
 */
final class FeedFastPath extends Handler.Wrapper {
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    private final FeedFiles files;
    private final Supplier<Catalog> catalog;
    private final WebSettings settings;
    private final HttpField cacheControl;
    private final RequestCounts.Route counts;

    /** @param counts where the requests it answers are counted (the Javalin route of the same documents') */
    FeedFastPath(FeedFiles files, Supplier<Catalog> catalog, WebSettings settings, RequestCounts.Route counts) {
        this.files = files;
        this.catalog = catalog;
        this.settings = settings;
        this.counts = counts;
        this.cacheControl = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, settings.cacheControl());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        boolean head = method.equals("HEAD");
        String path = request.getHttpURI().getPath();
        if ((head || method.equals("GET")) && request.getHttpURI().getQuery() == null && path != null
                && path.startsWith(FeedFiles.PREFIX)) {
            FeedFiles.Answer answer = lookup(request, path);
            if (answer != null) {
                send(request, response, callback, answer, head);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /** The answer at {@code path}: the cached one while catalog, Host header and scheme are the same, else anew. */
    private FeedFiles.Answer lookup(Request request, String path) {
        Catalog current = catalog.get();
        String host = request.getHeaders().get(HttpHeader.HOST);
        String scheme = request.getHttpURI().getScheme();
        FeedFiles.Answer cached = files.cached(current, path, host, scheme);
        if (cached != null) {
            return cached;
        }
        try {
            return files.answer(current, path, host, scheme,
                    settings.baseFor(host, scheme, Request.getLocalAddr(request), Request.getLocalPort(request)));
        } catch (RuntimeException e) {
            return null; // Javalin's route tries again and maps the error
        }
    }

    private void send(Request request, Response response, Callback callback, FeedFiles.Answer p, boolean head) {
        HttpFields headers = request.getHeaders();
        HttpCaching.Reply reply = HttpCaching.reply(p.doc(), headers.get(HttpHeader.ACCEPT_ENCODING),
                headers.get(HttpHeader.IF_NONE_MATCH), headers.get(HttpHeader.IF_MODIFIED_SINCE));
        HttpFields.Mutable out = response.getHeaders();
        response.setStatus(reply.status());
        counts.count(reply.status());
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
