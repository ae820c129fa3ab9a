package org.feedloom.html;

/**
 * The stack of open elements of the pre-check, and the rule that keeps its tree the one jsoup's HTML5 tree builder
 * builds: a start tag is taken only where tree building is trivial, where the element is simply appended to the
 * current one, and an end tag only when it closes the current element. So a start tag is declined when the tree
 * builder would first close something: a {@code p} still open before a block (anywhere on the stack, which is
 * stricter than HTML's button scope), a heading right inside a heading, an {@code li} (or {@code dd}, {@code dt})
 * while one is open up to the nearest special element, a link or formatting element inside one of its kind (jsoup
 * would reconstruct or adopt it), a table inside a table. Tables are taken only with their sections written out
 * ({@code table > thead|tbody|tfoot > tr > td|th}, nothing but whitespace between), where jsoup inserts nothing.
 * At most {@value #MAX_DEPTH} elements deep: well under jsoup's scope searches and {@link NestingLimit}. Not
 * thread-safe.
 */
final class OpenElements {
    static final int MAX_DEPTH = 48;

    private final KnownElement[] stack = new KnownElement[MAX_DEPTH];
    private int depth;
    private int paragraphs;
    private int tables;
    /** Elements opened and closed by {@code <x/>}: {@link NestingLimit}'s rough scan counts them as open. */
    private int selfClosed;

    /** Whether the current element is a table, table section or row: only whitespace and table parts go there. */
    boolean inTable() {
        return depth > 0 && stack[depth - 1].is(KnownElement.TABLE | KnownElement.TABLE_SECTION | KnownElement.ROW);
    }

    /** Whether a start tag of the element appends it to the current element and nothing else. */
    boolean mayOpen(KnownElement e) {
        KnownElement top = depth == 0 ? null : stack[depth - 1];
        if (depth + selfClosed >= MAX_DEPTH) {
            return false;
        }
        if (e.is(KnownElement.TABLE_SECTION | KnownElement.ROW | KnownElement.CELL)) {
            int parent = e.is(KnownElement.TABLE_SECTION) ? KnownElement.TABLE
                    : e.is(KnownElement.ROW) ? KnownElement.TABLE_SECTION : KnownElement.ROW;
            return top != null && top.is(parent);
        }
        if (inTable()) {
            return false;
        }
        return !(e.is(KnownElement.CLOSES_P) && paragraphs > 0
                || e.is(KnownElement.TABLE) && tables > 0
                || e.is(KnownElement.HEADING) && top != null && top.is(KnownElement.HEADING)
                || e.is(KnownElement.FORMATTING) && isOpen(e)
                || e.is(KnownElement.LIST_ITEM | KnownElement.DEFINITION) && itemOpen(e));
    }

    private boolean isOpen(KnownElement e) {
        for (int k = 0; k < depth; k++) {
            if (stack[k] == e) {
                return true;
            }
        }
        return false;
    }

    /** An item of the kind ({@code li}; {@code dd} or {@code dt}) open above the nearest special element. */
    private boolean itemOpen(KnownElement e) {
        int kind = e.is(KnownElement.LIST_ITEM) ? KnownElement.LIST_ITEM : KnownElement.DEFINITION;
        for (int k = depth - 1; k >= 0; k--) {
            if (stack[k].is(kind)) {
                return true;
            }
            if (stack[k].is(KnownElement.STOPS_ITEM_SEARCH)) {
                return false;
            }
        }
        return false;
    }

    void push(KnownElement e) {
        stack[depth++] = e;
        paragraphs += e.name.equals("p") ? 1 : 0;
        tables += e.is(KnownElement.TABLE) ? 1 : 0;
    }

    /** Whether the element is the current one (what an end tag must close). */
    boolean isCurrent(KnownElement e) {
        return depth > 0 && stack[depth - 1] == e;
    }

    /** Closes the current element; returns it. */
    KnownElement pop() {
        KnownElement e = stack[--depth];
        paragraphs -= e.name.equals("p") ? 1 : 0;
        tables -= e.is(KnownElement.TABLE) ? 1 : 0;
        return e;
    }

    /**
     * Counts an element written as {@code <x/>} (opened and closed at once, but open to {@link NestingLimit}'s
     * rough scan); false when that makes too many.
     */
    boolean selfClosed() {
        return depth + ++selfClosed <= MAX_DEPTH;
    }

    boolean isEmpty() {
        return depth == 0;
    }
}
