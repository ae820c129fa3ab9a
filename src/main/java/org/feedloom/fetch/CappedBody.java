package org.feedloom.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Collects a response (its status, headers and body), aborting the exchange as soon as the body exceeds the cap, so
 * an endless body costs no more memory than the cap. {@link #received} completes with the response, or with why
 * there is none (a {@link TooLarge}, Jetty's failure). Used for one response only.
 */
final class CappedBody implements Response.Listener {
    /** The first buffer of a body of unknown length; it doubles as needed. */
    private static final int FIRST_BUFFER = 8 * 1024;
    private final long cap;
    /** The body so far: its first {@link #size} bytes. */
    private byte[] body = new byte[0];
    private int size;
    private final CompletableFuture<Received> received = new CompletableFuture<>();
    private boolean aborted;

    /** A complete response. */
    record Received(int status, HttpFields headers, byte[] body) {}

    private CappedBody(long cap) {
        this.cap = cap;
    }

    static CappedBody of(long cap) {
        return new CappedBody(cap);
    }

    CompletableFuture<Received> received() {
        return received;
    }

    /**
     * Sizes the buffer by the response's {@code Content-Length}, when it has one within the cap: the body is then
     * read into one array of its length (growing a buffer by doubling, and copying each chunk and the result out,
     * allocated four times the bytes a first fetch cycle receives). A wrong length costs no more: the buffer grows or
     * is cut to what came, and never beyond the cap.
     */
    @Override
    public void onHeaders(Response response) {
        long length;
        try {
            length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            return;
        }
        if (length > 0 && length <= cap && length <= Integer.MAX_VALUE - 8) {
            body = new byte[(int) length];
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        if (aborted) {
            return;
        }
        int n = content.remaining();
        if (size + (long) n > cap) {
            aborted = true;
            response.abort(new TooLarge(cap));
            return;
        }
        if (size + n > body.length) {
            long grown = Math.max(size + (long) n, Math.max(FIRST_BUFFER, 2L * body.length));
            body = Arrays.copyOf(body, (int) Math.min(grown, Math.min(cap, Integer.MAX_VALUE - 8)));
        }
        content.get(body, size, n);
        size += n;
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            received.completeExceptionally(result.getFailure());
        } else {
            Response r = result.getResponse();
            received.complete(new Received(r.getStatus(), r.getHeaders(), size == body.length ? body
                    : Arrays.copyOf(body, size)));
        }
    }

    static String human(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    /** The body was larger than the cap. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("fetch: body exceeds " + human(cap));
        }
    }
}
