package org.feedloom.app;

import java.io.PrintStream;
import org.feedloom.model.SourceState;

/**
 * What {@code export} shows while it fetches: on a terminal, one progress bar redrawn in place; otherwise (a pipe,
 * a log, CI) one plain line per source. Thread-safe.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;

    Progress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    synchronized void sourceDone(SourceState s) {
        done++;
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + " sources " + shorten(s.sourceId(), 24) + "\u001b[K");
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line(s));
        }
        out.flush();
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
