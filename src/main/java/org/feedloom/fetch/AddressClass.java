package org.feedloom.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of network an IP address is on: the public internet, or one a fetch for a public source must not reach
 * (this machine, a private or carrier-grade NAT network, a link, a multicast group, a reserved range). IPv4 and IPv6;
 * an IPv6 address that carries an IPv4 one (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d},
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is the kind of the IPv4 address it carries.
 *
 * <p>Pure: no DNS lookups. Thread-safe.
 */
enum AddressClass {
    PUBLIC("public address"),
    LOOPBACK("loopback address"),
    PRIVATE("private address"),
    SHARED("carrier-grade NAT address"),
    LINK_LOCAL("link-local address"),
    UNIQUE_LOCAL("unique local address"),
    MULTICAST("multicast address"),
    UNSPECIFIED("unspecified address"),
    RESERVED("reserved address");

    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    /** What this class is called in messages ({@code link-local address}). */
    final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** The class of {@code address}. */
    static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ipv4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff) : ipv6(b);
    }

    private static AddressClass ipv4(int a, int b, int c) {
        if (a == 0) {
            return UNSPECIFIED; // 0.0.0.0/8, "this network": 0.0.0.0 reaches this machine
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) {
            return PRIVATE;
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return SHARED; // 100.64.0.0/10
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL; // the cloud metadata services live here
        }
        if (a >= 224) {
            return a < 240 ? MULTICAST : RESERVED; // 240.0.0.0/4 and the broadcast address
        }
        boolean reserved = a == 192 && b == 0 && (c == 0 || c == 2) // IETF assignments, TEST-NET-1
                || a == 198 && (b & 0xfe) == 18                     // benchmarking, 198.18.0.0/15
                || a == 198 && b == 51 && c == 100                   // TEST-NET-2
                || a == 203 && b == 0 && c == 113;                   // TEST-NET-3
        return reserved ? RESERVED : PUBLIC;
    }

    private static AddressClass ipv6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        boolean zeroPrefix = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        if (zeroPrefix && (b[10] & b[11] & 0xff) == 0xff || zeroPrefix && b[10] == 0 && b[11] == 0 && !below(b, 2)
                || Arrays.equals(b, 0, 12, NAT64, 0, 12)) {
            return ipv4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // mapped, compatible, NAT64
        }
        if (zeroPrefix && b[10] == 0 && b[11] == 0) {
            return b[15] == 1 ? LOOPBACK : UNSPECIFIED; // ::1, ::
        }
        if (first == 0x20 && second == 0x02) {
            return ipv4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff); // 6to4
        }
        if ((first & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL; // fc00::/7
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE; // fec0::/10, the deprecated site-local range
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        boolean discard = first == 0x01 && second == 0 && Arrays.equals(b, 2, 8, new byte[6], 0, 6); // 100::/64
        boolean documentation = first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
        return discard || documentation ? RESERVED : PUBLIC;
    }

    /** Whether the last 32 bits of {@code b} are below {@code n} ({@code ::} and {@code ::1} are no IPv4 address). */
    private static boolean below(byte[] b, int n) {
        return b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xff) < n;
    }

    /**
     * Whether the configured URL or site names a host on a private network by itself: its host is an IP literal of
     * any class but public, or {@code localhost} (or a name under {@code .localhost}, which always mean this
     * machine). A host name is not looked up here: what it resolves to is vetted on each connection instead, so a
     * name that resolves (or is rebound) to a private address is refused like a redirect there.
     *
     * @param configured a URL, or a bare domain ({@code example.org}); anything unparseable names no private host
     */
    static boolean namesPrivateHost(String configured) {
        String host;
        try {
            host = URI.create(configured.contains("://") ? configured.strip() : "http://" + configured.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        InetAddress literal = literal(host);
        return literal != null && of(literal) != PUBLIC;
    }

    /** The address {@code host} spells, if it is an IP literal (dotted-quad IPv4, or IPv6 in brackets or not); else null. */
    static InetAddress literal(String host) {
        boolean ipv4 = host.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        boolean ipv6 = host.contains(":");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            // a literal is never looked up; brackets make the JDK refuse a malformed IPv6 one instead of asking DNS
            return InetAddress.getByName(ipv6 && !host.startsWith("[") ? "[" + host + "]" : host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
