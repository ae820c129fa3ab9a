package org.feedloom.app;

import java.io.PrintStream;
import org.feedloom.model.SourceState;

/**
 * What {@code export} shows while it fetches, and {@code reindex} while it merges: on a terminal, one progress bar
 * redrawn in place; otherwise (a pipe, a log, CI) plain lines: {@code export} one per source, {@code reindex} one
 * at every tenth of the way, so a thousand sources make ten lines. Thread-safe.
 */
final class Progress {
    private static final int WIDTH = 30;
    /** At most this many plain lines of {@link #merged}, one per tenth of the way. */
    private static final int PLAIN_LINES = 10;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;

    Progress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    /** {@code export}: a source was fetched (and committed). */
    synchronized void sourceDone(SourceState s) {
        done++;
        if (terminal) {
            draw(s.sourceId());
        } else {
            out.println(line(s));
        }
        out.flush();
    }

    /** {@code reindex}: a source's items were merged. Plain lines read {@code reindex: 3/10 sources merged}. */
    synchronized void merged(String sourceId) {
        done++;
        if (terminal) {
            draw(sourceId);
        } else if (done == total || done * PLAIN_LINES / total != (done - 1) * PLAIN_LINES / total) {
            out.println("reindex: " + done + "/" + total + " sources merged");
        }
        out.flush();
    }

    private void draw(String sourceId) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                + " sources " + shorten(sourceId, 24) + "\u001b[K");
        if (done == total) {
            out.println();
        }
    }

    /** {@code ok  <id>  <n> items (<m> new)} or {@code error  <id>  <message>}. */
    static String line(SourceState s) {
        String what = switch (s.status()) {
            case OK -> s.itemsInLast() + " items (" + s.newItems() + " new)";
            case NOT_MODIFIED -> "not modified";
            default -> s.error() != null ? s.error() : "";
        };
        return String.format("%-12s %-24s %s", s.status().label(), s.sourceId(), what).stripTrailing();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
