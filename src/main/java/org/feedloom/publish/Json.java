package org.feedloom.publish;

import java.time.Instant;

/** A minimal JSON writer for flat documents (status, health): correct string escaping, no reflection. */
final class Json {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    Json begin(char bracket) {
        comma();
        out.append(bracket);
        first = true;
        return this;
    }

    Json end(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    /** Starts a member of an object ({@code "name":}); the value follows. */
    Json name(String name) {
        comma();
        quote(name);
        out.append(':');
        first = true;
        return this;
    }

    Json value(String s) {
        comma();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        first = false;
        return this;
    }

    Json value(Instant t) {
        return value(t == null ? null : t.toString());
    }

    Json value(long n) {
        comma();
        out.append(n);
        first = false;
        return this;
    }

    Json field(String name, String value) {
        return name(name).value(value);
    }

    Json field(String name, Instant value) {
        return name(name).value(value);
    }

    Json field(String name, long value) {
        return name(name).value(value);
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
