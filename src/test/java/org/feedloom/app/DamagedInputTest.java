package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.model.Problem;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration and seed files damaged the ways hands and tools damage them (a line lost, doubled or swapped,
 * indentation broken, a value of the wrong kind, YAML's own syntax where it does not belong, stray characters, a file
 * cut short): loading each either succeeds or reports problems as {@code file:line: message} naming the damaged file
 * and a line in it, in words meant for a person; never an exception, never a message that is a Java exception's.
 * The damage is random but seeded, so a failure is reproduced by its seed and round, which the message names.
 */
class DamagedInputTest {
    static final int ROUNDS = Integer.getInteger("damagedInput.rounds", 400);

    /** Every section a configuration may have, each key set, as the README documents them. */
    static final String CONFIG = """
            site:
              title: Feedloom
              baseUrl: https://feeds.example.org/
              author: Les \u00c9diteurs du Caf\u00e9
              maxEntries: 50
            fetch:
              concurrency: 8
              perHost: 2
              connectTimeout: 10s
              timeout: 30s
              maxBodySize: 10MiB
              maxRedirects: 5
              allowPrivateNetworks: false
              hosts:
                feeds.example.org: {perHost: 1, minInterval: 5s}
                news.example.com:
                  userAgent: "Feedloom (+https://example.org/contact)"
            retention:
              maxAgeDays: 90
              maxItemsPerSource: 500
              forgetAfterDays: 365
            http:
              maxAge: 5m
              cacheSize: 64MiB
            websub:
              hub: https://hub.example.org/
            folding:
              enabled: true
              threshold: 80
              windowDays: 14
              minWords: 20
              neverFold:
                - [https://a.example/2026/story, https://b.example/news/story-syndication]
              alwaysFold:
                - [https://a.example/2026/story, https://c.example/translated/story]
            related:
              enabled: true
              windowHours: 72
              minShared: 2
            admin:
              token: a-long-random-string-of-forty-characters-0123
            sources:
              - url: http://127.0.0.1:8000/feed.xml
              - site: example.org
                name: Example
                topics: [AI]
                interval: 15m
                enabled: true
                exclude: [sponsored, giveaway]
            topics:
              - name: Quantum Computing
                slug: quantum
                aliases: [QC]
                keywords: [qubit, quantum computer]
              - name: AI
                keywords: [machine learning]
                exclude: [crypto]
            hide:
              - https://example.com/news/story/amp
            """;

    /** Values of the wrong kind, or no value, or YAML's features, in place of one. */
    static final String[] VALUES = {"", "-1", "0", "99999999999999999999999", "1.5", "true", "[a, b]", "{x: 1}", "~",
        "\"unterminated", "'unterminated", "&anchor x", "*nowhere", "!!binary aGVsbG8=", "!!java.net.URL x",
        "!!set {a, b}", "2026-13-45T99:99:99Z", "http://", "ftp://example.org/", "😀", "10 lightyears", "-5m", "0s",
        "\t", "|", ">", "[", "{", "]", "}", "- - -", "%YAML 1.1", "@x", "`x`", "? key", "<<: {a: 1}", "null"};

    /** Lines of YAML syntax inserted where they do not belong. */
    static final String[] LINES = {"---", "...", "? complex key", ": lone value", "- item", "<<: *nowhere",
        "&a [*a]", "key: value: more", "\tkey: tab", "%TAG ! tag:example.org,2026:", "!!map", "    deeper: 1",
        "# a comment", "", "title:", "sources: 3", "topics: {}", "\u0000", "\uFEFFsite:"};

    @TempDir
    Path dir;

    @Test
    void damagedConfigurations_areLoadedOrReportedByFileAndLine() throws Exception {
        String seed = firstSeed();
        assertTrue(ConfigLoader.load(write("config-ok", "feedloom.yaml", CONFIG)).ok(),
                () -> "the undamaged configuration loads: " + ConfigLoader.load(dir.resolve("config-ok")).problems());
        assertTrue(SeedLoader.load(write("seeds-ok", "a.txt", seed)).problems().isEmpty(), "the undamaged seed loads");
        int reported = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Random random = new Random(round);
            String damaged = damage(CONFIG, random);
            Path folder = write("config-" + round, "feedloom.yaml", encoded(damaged, random));
            ConfigResult result = loaded(round, damaged, () -> ConfigLoader.load(folder));
            if (result.ok()) {
                assertNotNull(result.config(), "a configuration without problems");
            } else {
                reported++;
                checkProblems(round, damaged, result.problems(), "feedloom.yaml");
            }
        }
        assertTrue(reported > ROUNDS / 2, "most damage is reported: " + reported + " of " + ROUNDS);
    }

    @Test
    void damagedSeeds_areLoadedOrReportedByFileAndLine() throws Exception {
        String seed = firstSeed();
        int reported = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Random random = new Random(1_000_000 + round);
            String damaged = damage(seed, random);
            Path folder = write("seeds-" + round, "000_seed.txt", encoded(damaged, random));
            SeedResult result = loaded(round, damaged, () -> SeedLoader.load(folder));
            if (!result.problems().isEmpty()) {
                reported++;
                checkProblems(round, damaged, result.problems(), "000_seed.txt");
            }
        }
        assertTrue(reported > ROUNDS / 4, "much damage is reported: " + reported + " of " + ROUNDS);
    }

    /** One, two or three kinds of damage, each at a random place. */
    static String damage(String text, Random random) {
        String out = text;
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times; i++) {
            out = switch (random.nextInt(8)) {
                case 0 -> lines(out, random, (lines, at) -> lines.remove((int) at));
                case 1 -> lines(out, random, (lines, at) -> lines.add(at, lines.get(at)));
                case 2 -> lines(out, random, (lines, at) -> {
                    if (at + 1 < lines.size()) {
                        lines.add(at + 1, lines.remove((int) at));
                    }
                });
                case 3 -> lines(out, random, (lines, at) -> lines.set(at, random.nextBoolean()
                        ? "  " + lines.get(at) : lines.get(at).replaceFirst("^ {1,2}", "")));
                case 4 -> lines(out, random, (lines, at) -> {
                    String line = lines.get(at);
                    int colon = line.indexOf(": ");
                    String value = VALUES[random.nextInt(VALUES.length)];
                    lines.set(at, colon > 0 ? line.substring(0, colon + 2) + value
                            : line.replaceFirst("- .*", "- " + value));
                });
                case 5 -> lines(out, random, (lines, at) -> lines.add(at, LINES[random.nextInt(LINES.length)]));
                case 6 -> {
                    int at = random.nextInt(out.length() + 1);
                    String junk = "\"'{}[]:#&*!|>%@`-?,\t\r\\\u00e9\ud83d\ude00\u0007";
                    yield out.substring(0, at) + junk.charAt(random.nextInt(junk.length())) + out.substring(at);
                }
                default -> out.substring(0, random.nextInt(out.length() + 1));
            };
        }
        return out;
    }

    /** {@code change} applied to the lines of {@code text} at a random line. */
    private static String lines(String text, Random random, LineChange change) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return text;
        }
        change.apply(lines, random.nextInt(lines.size()));
        return String.join("\n", lines);
    }

    @FunctionalInterface
    private interface LineChange {
        void apply(List<String> lines, Integer at);
    }

    @FunctionalInterface
    private interface Load<T> {
        T run() throws Exception;
    }

    private static <T> T loaded(int round, String damaged, Load<T> load) {
        try {
            return load.run();
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError("round " + round + ": loading threw instead of reporting a problem: " + e
                    + "\n--- input ---\n" + damaged, e);
        }
    }

    private static void checkProblems(int round, String damaged, List<Problem> problems, String file) {
        int lineCount = damaged.split("\n", -1).length;
        for (Problem p : problems) {
            Function<String, String> where = what -> "round " + round + ": " + what + ": " + p
                    + "\n--- input ---\n" + damaged;
            assertEquals(file, Path.of(p.file()).getFileName().toString(), where.apply("names the damaged file"));
            assertTrue(p.line() <= lineCount + 1, where.apply("a line of the file (" + lineCount + " lines)"));
            assertFalse(p.message().isBlank(), where.apply("says what is wrong"));
            for (String javaism : List.of("Exception", "java.", "org.yaml", "null pointer", "class ", "@")) {
                if (p.message().contains(javaism) && !damaged.contains(javaism)) {
                    fail(where.apply("a person's message, not Java's (" + javaism + ")"));
                }
            }
        }
    }

    private Path write(String folder, String name, String text) throws IOException {
        return write(folder, name, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate written as '?'
    }

    private Path write(String folder, String name, byte[] bytes) throws IOException {
        Path d = Files.createDirectories(dir.resolve(folder));
        Files.write(d.resolve(name), bytes);
        return d;
    }

    /** Mostly UTF-8; one time in ten ISO-8859-1, as an editor set to another encoding saves it (not UTF-8 then). */
    private static byte[] encoded(String text, Random random) {
        return text.getBytes(random.nextInt(10) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** The first of the shipped seed documents: every field a seed has, related articles included. */
    private static String firstSeed() throws Exception {
        try (var files = Files.list(MainTest.seeds())) {
            return Files.readString(files.sorted().findFirst().orElseThrow());
        }
    }
}
