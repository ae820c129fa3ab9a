package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {
    @ParameterizedTest(name = "{0}: {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
        public IPv4                    | 93.184.216.34       | PUBLIC
        public, just below 10/8        | 9.255.255.255       | PUBLIC
        public, just past 172.16/12    | 172.32.0.1          | PUBLIC
        public, just below 172.16/12   | 172.15.255.255      | PUBLIC
        public, just past CGNAT        | 100.128.0.1         | PUBLIC
        public, below CGNAT            | 100.63.255.255      | PUBLIC
        public, 192.0.1.x              | 192.0.1.1           | PUBLIC
        unspecified                    | 0.0.0.0             | UNSPECIFIED
        this network                   | 0.1.2.3             | UNSPECIFIED
        loopback                       | 127.0.0.1           | LOOPBACK
        loopback, anywhere in 127/8    | 127.255.0.9         | LOOPBACK
        private 10/8                   | 10.0.0.1            | PRIVATE
        private 172.16/12              | 172.16.0.1          | PRIVATE
        private 172.16/12, top         | 172.31.255.255      | PRIVATE
        private 192.168/16             | 192.168.1.1         | PRIVATE
        carrier-grade NAT 100.64/10    | 100.64.0.1          | SHARED
        carrier-grade NAT, top         | 100.127.255.255     | SHARED
        link-local, cloud metadata     | 169.254.169.254     | LINK_LOCAL
        multicast                      | 224.0.0.1           | MULTICAST
        multicast, top                 | 239.255.255.255     | MULTICAST
        reserved 240/4                 | 240.0.0.1           | RESERVED
        broadcast                      | 255.255.255.255     | RESERVED
        benchmarking 198.18/15         | 198.19.0.1          | RESERVED
        documentation TEST-NET-3       | 203.0.113.7         | RESERVED
        IETF protocol assignments      | 192.0.0.170         | RESERVED
        public IPv6                    | 2606:4700::1111     | PUBLIC
        IPv6 unspecified               | ::                  | UNSPECIFIED
        IPv6 loopback                  | ::1                 | LOOPBACK
        IPv6 loopback, long form       | 0:0:0:0:0:0:0:1     | LOOPBACK
        IPv6 unique local fc00::/7     | fd12:3456::1        | UNIQUE_LOCAL
        IPv6 unique local, fc half     | fc00::1             | UNIQUE_LOCAL
        IPv6 link-local                | fe80::1             | LINK_LOCAL
        IPv6 link-local, top of fe80/10| febf::1             | LINK_LOCAL
        IPv6 site-local (deprecated)   | fec0::1             | PRIVATE
        IPv6 multicast                 | ff02::1             | MULTICAST
        IPv6 discard-only              | 100::1              | RESERVED
        IPv6 documentation             | 2001:db8::1         | RESERVED
        IPv4-mapped loopback           | ::ffff:127.0.0.1    | LOOPBACK
        IPv4-mapped metadata service   | ::ffff:169.254.169.254 | LINK_LOCAL
        IPv4-mapped private, in hex    | ::ffff:a00:1        | PRIVATE
        IPv4-mapped public             | ::ffff:93.184.216.34 | PUBLIC
        IPv4-compatible loopback       | ::127.0.0.1         | LOOPBACK
        IPv4-compatible private        | ::192.168.0.1       | PRIVATE
        NAT64 of loopback              | 64:ff9b::127.0.0.1  | LOOPBACK
        NAT64 of a public address      | 64:ff9b::93.184.216.34 | PUBLIC
        6to4 of a private address      | 2002:c0a8:101::1    | PRIVATE
        6to4 of a public address       | 2002:5db8:d822::1   | PUBLIC
        """)
    void of_classifiesTheAddress(String name, String address, AddressClass expected) throws Exception {
        assertEquals(expected, AddressClass.of(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        loopback literal           | http://127.0.0.1:8080/feed.xml        | true
        IPv6 loopback literal      | http://[::1]:8080/feed.xml            | true
        metadata service literal   | http://169.254.169.254/latest/        | true
        private literal            | https://10.1.2.3/feed                 | true
        IPv4-mapped literal        | http://[::ffff:127.0.0.1]/feed        | true
        localhost                  | http://localhost:8000/feed            | true
        localhost, upper case      | http://LOCALHOST/feed                 | true
        localhost, trailing dot    | http://localhost./feed                | true
        a name under .localhost    | http://feeds.localhost/feed           | true
        bare private site          | 192.168.1.20                          | true
        bare site with a port      | 127.0.0.1:8000                        | true
        public literal             | http://93.184.216.34/feed             | false
        public name                | https://example.org/feed.xml          | false
        bare public site           | example.org                           | false
        a name, even if private    | http://intranet.example/feed          | false
        a name ending in localhost | http://notlocalhost/feed              | false
        decimal IPv4 is a name     | http://2130706433/feed                | false
        unparseable                | http://exa mple.org/                  | false
        """)
    void namesPrivateHost_onlyLiteralsAndLocalhost(String name, String configured, boolean expected) {
        assertEquals(expected, AddressClass.namesPrivateHost(configured));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        a name          | example.org
        an IPv4 typo    | 256.1.1.1
        three parts     | 127.0.1
        malformed IPv6  | [fe80::zz]
        """)
    void literal_isNullForAnythingButAnIpLiteral(String name, String host) {
        assertNull(AddressClass.literal(host));
    }
}
