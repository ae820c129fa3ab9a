package org.feedloom.web;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.feedloom.publish.HtmlPages;

/**
 * Puts the headers that keep the pages from being turned against their readers on every response, before the
 * wrapped handlers (the {@link FeedFastPath}, Javalin's routes, its error mapping) write theirs, and on what
 * the server's error handler answers: so 200s, 304s,
 * HEADs, redirects and errors carry them alike. {@code X-Content-Type-Options: nosniff} (a browser takes every body
 * for the type it is labelled with); the pages' {@link HtmlPages#CONTENT_SECURITY_POLICY} (no script runs, even one
 * that got into a page); {@code Referrer-Policy: no-referrer} (a click on an article tells its site nothing of the
 * page it came from). The policy and the referrer rule are for the HTML pages; the feeds, JSON and plain-text
 * answers carry them too, as they cost nothing there and make no response a way around them. The fields are
 * encoded once. Thread-safe.
 */
final class SecurityHeaders extends Handler.Wrapper {
    static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    static final HttpField POLICY = new PreEncodedHttpField("Content-Security-Policy", HtmlPages.CONTENT_SECURITY_POLICY);
    static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");

    private SecurityHeaders(Handler handler) {
        super(handler);
    }

    /**
     * Makes {@code handler} the server's handler behind this one, and has the server's error handler (which answers
     * what Jetty refuses before any handler sees it: a bad request line, headers too large) add the headers too.
     */
    static void install(Server server, Handler handler) {
        server.setHandler(new SecurityHeaders(handler));
        Request.Handler errors = server.getErrorHandler();
        server.setErrorHandler((request, response, callback) -> {
            add(response.getHeaders());
            return errors.handle(request, response, callback);
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        add(response.getHeaders());
        return super.handle(request, response, callback);
    }

    static void add(HttpFields.Mutable headers) {
        headers.add(NOSNIFF);
        headers.add(POLICY);
        headers.add(REFERRER);
    }
}
