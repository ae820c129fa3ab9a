package org.feedloom.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;

/**
 * Collects a response (its status, headers and body), aborting the exchange as soon as the body exceeds the cap, so
 * an endless body costs no more memory than the cap. {@link #received} completes with the response, or with why
 * there is none (a {@link TooLarge}, Jetty's failure). Used for one response only.
 */
final class CappedBody implements Response.Listener {
    private final long cap;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
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

    @Override
    public void onContent(Response response, ByteBuffer content) {
        if (aborted) {
            return;
        }
        if (out.size() + (long) content.remaining() > cap) {
            aborted = true;
            response.abort(new TooLarge(cap));
            return;
        }
        byte[] chunk = new byte[content.remaining()];
        content.get(chunk);
        out.write(chunk, 0, chunk.length);
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            received.completeExceptionally(result.getFailure());
        } else {
            Response r = result.getResponse();
            received.complete(new Received(r.getStatus(), r.getHeaders(), out.toByteArray()));
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
