package org.feedloom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, item 8: {@code fetch.hosts:}, per-host overrides, read from YAML with every problem at its line. */
class HostOverridesTest {
    @TempDir
    Path dir;

    ConfigResult load(String yaml) throws IOException {
        Files.writeString(dir.resolve("feedloom.yaml"), yaml);
        return ConfigLoader.load(dir);
    }

    List<String> problems(String yaml) throws IOException {
        return load(yaml).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void hosts_areRead_byLowerCaseName_andTheOthersKeepTheDefaults() throws IOException {
        ConfigResult r = load("""
                fetch:
                  perHost: 3
                  hosts:
                    Feeds.Example.org: {perHost: 1, minInterval: 2s, userAgent: "Feedloom (ops@example.org)"}
                    slow.example.net:
                      minInterval: 1m
                    "[::1]": {userAgent: Local}
                """);
        assertEquals(List.of(), r.problems());
        FeedloomConfig.Fetch fetch = r.config().fetch();
        assertEquals(Map.of(
                "feeds.example.org", new FeedloomConfig.Fetch.Host(1, Duration.ofSeconds(2), "Feedloom (ops@example.org)"),
                "slow.example.net", new FeedloomConfig.Fetch.Host(null, Duration.ofMinutes(1), null),
                "[::1]", new FeedloomConfig.Fetch.Host(null, null, "Local")), fetch.hosts());
        assertEquals(1, fetch.perHostFor("FEEDS.example.org"));
        assertEquals(3, fetch.perHostFor("slow.example.net"), "not set: the fetch section's");
        assertEquals(3, fetch.perHostFor("other.example"));
        assertEquals(Duration.ofMinutes(1), fetch.minIntervalFor("slow.example.net"));
        assertEquals(Duration.ZERO, fetch.minIntervalFor("other.example"));
        assertEquals("Feedloom (ops@example.org)", fetch.userAgentFor("feeds.example.org", "default"));
        assertEquals("default", fetch.userAgentFor("slow.example.net", "default"));
        assertEquals(Map.of(), FeedloomConfig.defaults().fetch().hosts());
        assertEquals(FeedloomConfig.defaults().fetch(), load("fetch:\n  hosts:\n").config().fetch(), "empty: none");
    }

    @Test
    void badHostsAndValues_areProblemsAtTheirLines() throws IOException {
        String x = dir.resolve("feedloom.yaml").toString();
        assertEquals(List.of(
                x + ":3: 'hosts' keys are host names as in a URL, without scheme, port or path (e.g. feeds.example.org), "
                        + "not 'https://example.org'",
                x + ":4: 'hosts' keys are host names as in a URL, without scheme, port or path (e.g. feeds.example.org), "
                        + "not 'example.org:8080'",
                x + ":5: 'perHost' must be from 1 to 64, got 0",
                x + ":6: 'minInterval' needs a unit: '5' could be 5s, 5m or 5h",
                x + ":7: 'minInterval' must be longer than zero",
                x + ":8: unknown key 'userAgnet' in host 'e.example'; did you mean 'userAgent'?",
                x + ":9: 'userAgent' must be printable ASCII (it is sent as a header), not 'Feedloom\u00e9'",
                x + ":10: host 'g.example' sets none of perHost, minInterval, userAgent",
                x + ":11: 'hosts: h.example' must be a mapping of keys to values",
                x + ":13: host 'b.example' is already set at line 5"),
                problems("""
                        fetch:
                          hosts:
                            "https://example.org": {perHost: 1}
                            "example.org:8080": {perHost: 1}
                            b.example: {perHost: 0}
                            c.example: {minInterval: 5}
                            d.example: {minInterval: 0s}
                            e.example: {userAgnet: x}
                            f.example: {userAgent: "Feedloom\u00e9"}
                            g.example:
                            h.example: 2
                            i.example: {perHost: 2}
                            B.Example: {perHost: 1}
                        """));
        assertEquals(List.of(x + ":2: 'hosts' must be a mapping of keys to values"), problems("fetch:\n  hosts: 3\n"));
    }
}
