package org.feedloom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.feedloom.model.Problem;
import org.feedloom.model.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    List<String> problems() {
        return ConfigLoader.load(dir).problems().stream().map(Problem::toString).toList();
    }

    String f(String name) {
        return dir.resolve(name).toString();
    }

    /** A file saved in another encoding than UTF-8 is reported at the line of its first byte that is not UTF-8. */
    @Test
    void aFileNotInUtf8_isReportedAtItsLine() throws IOException {
        Files.write(dir.resolve("feedloom.yaml"), "site:\n  title: Caf\u00e9 news\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of(f("feedloom.yaml") + ":2: not UTF-8 text: the byte 0xE9 at column 13 is not; save the "
                + "file as UTF-8"), problems());
    }

    /** A file far larger than any configuration (a log or an archive saved with .yaml) is not read at all. */
    @Test
    void aFileOfMegabytes_isNotRead() throws IOException {
        Path big = write("feedloom.yaml", "# " + "x".repeat(5 * 1024 * 1024) + "\n");
        assertEquals(List.of(big + ": larger than 4 MiB: not a configuration file, not read"), problems());
    }

    /** {@code --config config/feedloom.yaml}, given for the folder: reported, never read as no configuration. */
    @Test
    void aFileGivenForTheFolder_isAProblem() throws IOException {
        Path file = write("feedloom.yaml", "site:\n  title: Mine\n");
        ConfigResult result = ConfigLoader.load(file);
        assertEquals(List.of(file + ": config: a file, not a folder: the configuration is the folder that holds "
                + "feedloom.yaml (--config " + dir + ")"), result.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void missingFolderOrNoFiles_givesDefaults() {
        ConfigResult missing = ConfigLoader.load(dir.resolve("nope"));
        assertTrue(missing.ok());
        assertEquals(FeedloomConfig.defaults(), missing.config());
        assertEquals(FeedloomConfig.defaults(), ConfigLoader.load(dir).config());
    }

    @Test
    void shippedConfig_loadsWithoutProblems() {
        ConfigResult shipped = ConfigLoader.load(Path.of("config"));
        assertEquals(List.of(), shipped.problems());
        assertEquals(16, shipped.config().sources().size());
        assertEquals(List.of("AI", "Computer Vision", "Microsoft AI", "Natural Language Processing", "AI in Sales", "AI Ethics"),
                shipped.config().topics().stream().map(t -> t.name()).toList());
        Source forbes = shipped.config().sources().stream().filter(s -> s.id().equals("forbes")).findFirst().orElseThrow();
        assertEquals("forbes.com", forbes.site());
        assertTrue(forbes.origin().startsWith("config/feedloom.yaml:"));
    }

    @Test
    void everySection_isRead_withDurationsAndSizes() throws IOException {
        write("feedloom.yaml", """
                site: {title: My Feeds, baseUrl: "https://feeds.example.org", author: Me, maxEntries: 20}
                fetch: {concurrency: 4, perHost: 1, connectTimeout: 5s, timeout: 1m30s, maxBodySize: 512KiB, maxRedirects: 3}
                retention: {maxAgeDays: 30, maxItemsPerSource: 100, forgetAfterDays: 400}
                admin: {token: 0123456789abcdef0123}
                http: {maxAge: PT2M, cacheSize: 8MiB}
                websub: {hub: "http://127.0.0.1:9/hub"}
                sources:
                  - url: https://example.com/feed.xml
                    name: Example Blog
                    topics: AI
                    interval: 1h30m
                  - site: www.example.org
                    enabled: false
                topics:
                  - {name: AI, aliases: [Artificial Intelligence], keywords: [machine learning]}
                """);
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        FeedloomConfig c = r.config();
        assertEquals("My Feeds", c.site().title());
        assertEquals("https://feeds.example.org/", c.site().baseUrl());
        assertEquals(20, c.site().maxEntries());
        assertEquals(new FeedloomConfig.Fetch(4, 1, Duration.ofSeconds(5), Duration.ofSeconds(90), 512 * 1024, 3), c.fetch());
        assertEquals(new FeedloomConfig.Retention(30, 100, 400), c.retention());
        assertEquals("0123456789abcdef0123", c.admin().token());
        assertEquals(Duration.ofMinutes(2), c.http().maxAge());
        assertEquals(8L * 1024 * 1024, c.http().cacheBytes());
        assertEquals("http://127.0.0.1:9/hub", c.websub().hub());
        Source blog = c.sources().get(0);
        assertEquals("example-blog", blog.id());
        assertEquals(List.of("AI"), blog.topics());
        assertEquals(Duration.ofMinutes(90), blog.interval());
        assertEquals(f("feedloom.yaml") + ":8", blog.origin());
        Source site = c.sources().get(1);
        assertEquals("example-org", site.id());
        assertFalse(site.enabled());
        assertEquals(Duration.ofMinutes(30), site.interval());
    }

    @Test
    void websubHub_withoutSiteBaseUrl_isAProblemAtTheHubKey_issue5() throws IOException {
        write("feedloom.yaml", "site: {title: My Feeds}\nwebsub:\n  hub: https://hub.example.org/\n");
        assertEquals(List.of(f("feedloom.yaml") + ":3: 'hub' needs 'site.baseUrl': the hub is told the feeds' public "
                + "URLs, and only site.baseUrl says what they are"), problems());
        write("feedloom.yaml", "site: {baseUrl: https://feeds.example.org/}\nwebsub:\n  hub: https://hub.example.org/\n");
        assertEquals(List.of(), problems());
    }

    @Test
    void storeUrl_absent_isTheEmbeddedStore_andAPostgresqlUrlSelectsThatDatabase_issue14() throws IOException {
        write("feedloom.yaml", "site: {title: My Feeds}\n");
        assertEquals(FeedloomConfig.Store.EMBEDDED, ConfigLoader.load(dir).config().store());
        write("feedloom.yaml", "store:\n  url: postgresql://feedloom@db.example.org:5432/feedloom\n");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertEquals("postgresql://feedloom@db.example.org:5432/feedloom", r.config().store().url());
    }

    @Test
    void storeUrl_notAPostgresqlUrlWithHostAndDatabase_isAProblemAtItsLine_withoutShowingIt_issue14()
            throws IOException {
        String want = " (want postgresql://user@host:5432/database)";
        write("feedloom.yaml", "site: {title: T}\nstore:\n  url: mysql://u:secret-pw@db/feedloom\n");
        assertEquals(List.of(f("feedloom.yaml") + ":3: 'url' must be a postgresql:// URL" + want), problems());
        write("feedloom.yaml", "store:\n  url: postgresql://u:secret-pw@db.example.org:5432/\n");
        assertEquals(List.of(f("feedloom.yaml") + ":2: 'url' names no database" + want), problems());
        write("feedloom.yaml", "store:\n  url: postgresql:///feedloom\n");
        assertEquals(List.of(f("feedloom.yaml") + ":2: 'url' names no host" + want), problems());
        write("feedloom.yaml", "store:\n  host: db\n");
        assertEquals(1, problems().size(), "an unknown key: " + problems());
    }

    @Test
    void storeUrl_password_isNotShownByTheConfiguration_issue14() {
        FeedloomConfig.Store store = new FeedloomConfig.Store("postgresql://u:secret-pw@db.example.org/feedloom");
        assertEquals("Store[url=postgresql://u:***@db.example.org/feedloom, lease=PT1M]", store.toString());
    }

    @Test
    void storeLease_isADuration_sixtySecondsUnlessSet_issue14() throws IOException {
        write("feedloom.yaml", "store:\n  lease: 15s\n");
        assertEquals(List.of(), problems());
        assertEquals(java.time.Duration.ofSeconds(15), ConfigLoader.load(dir).config().store().lease());
        write("feedloom.yaml", "site:\n  title: T\n");
        assertEquals(java.time.Duration.ofSeconds(60), ConfigLoader.load(dir).config().store().lease());
        write("feedloom.yaml", "store:\n  lease: soon\n");
        assertEquals(1, problems().size(), "not a duration: " + problems());
        assertTrue(problems().get(0).toString().startsWith(f("feedloom.yaml") + ":2:"), problems().toString());
    }

    @Test
    void files_merge_listsConcatenate_inNameOrderAfterTheMainFile() throws IOException {
        write("feedloom.yaml", "sources:\n  - url: https://a.example/feed\ntopics:\n  - name: One\n");
        write("b-extra.yml", "sources:\n  - url: https://b.example/feed\n");
        write("a-extra.yaml", "sources:\n  - url: https://c.example/feed\ntopics:\n  - name: Two\n");
        write(".hidden.yaml", "this: is ignored");
        write("notes.txt", "ignored too");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("https://a.example/feed", "https://c.example/feed", "https://b.example/feed"),
                r.config().sources().stream().map(Source::url).toList());
        assertEquals(List.of("One", "Two"), r.config().topics().stream().map(t -> t.name()).toList());
    }

    @Test
    void aKeyGivenTwiceInOneFile_isAProblem_issue12() throws IOException {
        write("feedloom.yaml", "site:\n  title: A\n  title: B\nsources:\n  - url: https://a.example/feed\n"
                + "    url: https://b.example/feed\nsite:\n  author: C\n");
        assertEquals(List.of(f("feedloom.yaml") + ":3: duplicate key 'title' (first at line 2)",
                f("feedloom.yaml") + ":6: duplicate key 'url' (first at line 5)",
                f("feedloom.yaml") + ":7: duplicate key 'site' (first at line 1)"), problems());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "0MiB", "1025GiB", "99999999999GiB", "99999999999999999999"})
    void sizeOutOfRange_isAProblem_notACrash_issue12(String size) throws IOException {
        // "maxBodySize: 0" passed the reader and threw from the config record: "check" crashed
        write("feedloom.yaml", "fetch:\n  maxBodySize: " + size + "\n");
        assertEquals(List.of(f("feedloom.yaml") + ":2: 'maxBodySize' must be from 1 byte to 1024GiB, got '" + size + "'"),
                problems());
    }

    @Test
    void allowPrivateNetworks_isOffByDefault_readAsABoolean_andCheckedAtItsLine_issue14() throws IOException {
        assertFalse(FeedloomConfig.defaults().fetch().allowPrivateNetworks());
        write("feedloom.yaml", "fetch:\n  perHost: 1\n  allowPrivateNetworks: true\n");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertTrue(r.config().fetch().allowPrivateNetworks());
        assertEquals(1, r.config().fetch().perHost());
        write("feedloom.yaml", "fetch:\n  allowPrivateNetworks: sometimes\n  allowPrivateNetwork: true\n");
        assertEquals(List.of(f("feedloom.yaml") + ":2: 'allowPrivateNetworks' must be true or false, got 'sometimes'",
                f("feedloom.yaml") + ":3: unknown key 'allowPrivateNetwork' in 'fetch'; did you mean "
                        + "'allowPrivateNetworks'?"), problems());
    }

    @Test
    void related_isOnByDefault_itsSettingsRead_andBadValuesCheckedAtTheirLines_issue15() throws IOException {
        assertEquals(new FeedloomConfig.Related(true, 72, 2, 50_000), FeedloomConfig.defaults().related());
        write("feedloom.yaml", "related:\n  enabled: false\n  windowHours: 24\n  minShared: 3\n"
                + "  memoryEntries: 2000\n");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertEquals(new FeedloomConfig.Related(false, 24, 3, 2_000), r.config().related());
        write("feedloom.yaml", "site:\n  title: T\nrelated:\n  minShared: 0\n  window: 3\n  memoryEntries: -1\n");
        List<String> problems = problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f("feedloom.yaml") + ":4: 'minShared' must be"), problems.get(0));
        assertTrue(problems.get(1).startsWith(f("feedloom.yaml") + ":5: unknown key 'window' in 'related'"),
                problems.get(1));
        assertTrue(problems.get(2).startsWith(f("feedloom.yaml") + ":6: 'memoryEntries' must be"), problems.get(2));
        write("feedloom.yaml", "related:\n  windowHours: 721\n");
        assertTrue(problems().get(0).startsWith(f("feedloom.yaml") + ":2: 'windowHours' must be"), "at most 30 days");
    }

    @Test
    void folding_isOnByDefault_itsSettingsRead_andBadValuesCheckedAtTheirLines_issue15() throws IOException {
        assertEquals(new FeedloomConfig.Folding(true, 80, 14, 20, List.of(), List.of()),
                FeedloomConfig.defaults().folding());
        write("feedloom.yaml", "folding:\n  enabled: false\n  threshold: 90\n  windowDays: 3\n  minWords: 40\n");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertEquals(new FeedloomConfig.Folding(false, 90, 3, 40), r.config().folding());
        write("feedloom.yaml", "folding:\n  neverFold:\n    - [https://a.example/x, https://b.example/y]\n");
        assertEquals(List.of(List.of("https://a.example/x", "https://b.example/y")),
                ConfigLoader.load(dir).config().folding().neverFold());
        write("feedloom.yaml", "folding:\n  alwaysFold:\n    - [https://a.example/x, https://c.example/z]\n");
        assertEquals(List.of(List.of("https://a.example/x", "https://c.example/z")),
                ConfigLoader.load(dir).config().folding().alwaysFold());
        write("feedloom.yaml", "folding:\n  alwaysFold:\n    - [https://a.example/x]\n");
        assertTrue(problems().get(0).startsWith(f("feedloom.yaml") + ":3: each 'alwaysFold' entry is a pair"),
                problems().toString());
        write("feedloom.yaml", "folding:\n  neverFold:\n    - [https://a.example/x]\n    - [https://a.example/x, ftp:x]\n");
        List<String> pairProblems = problems();
        assertEquals(2, pairProblems.size(), pairProblems.toString());
        assertTrue(pairProblems.get(0).startsWith(f("feedloom.yaml") + ":3: each 'neverFold' entry is a pair"),
                pairProblems.get(0));
        assertTrue(pairProblems.get(1).startsWith(f("feedloom.yaml") + ":4: 'neverFold'"), pairProblems.get(1));
        write("feedloom.yaml", "folding:\n  threshold: 101\n  windowDay: 3\n");
        List<String> problems = problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f("feedloom.yaml") + ":2: 'threshold' must be"), problems.get(0));
        assertTrue(problems.get(1).startsWith(f("feedloom.yaml") + ":3: unknown key 'windowDay' in 'folding'"),
                problems.get(1));
    }

    @Test
    void aSingleFileSection_inTwoFiles_isAProblem() throws IOException {
        write("feedloom.yaml", "site:\n  title: A\n");
        write("other.yaml", "\nsite:\n  title: B\n");
        assertEquals(List.of(f("other.yaml") + ":2: section 'site' is already set in " + f("feedloom.yaml")
                + ":2; a section other than sources, topics and hide may appear in one file only"), problems());
    }

    @Test
    void unknownKeys_suggestTheNearestName() throws IOException {
        write("feedloom.yaml", """
                sorces: []
                site:
                  titel: X
                sources:
                  - url: https://a.example/feed
                    intervall: 5m
                topics:
                  - name: T
                    keyword: [x]
                """);
        assertEquals(List.of(
                f("feedloom.yaml") + ":1: unknown key 'sorces' in the top level; did you mean 'sources'?",
                f("feedloom.yaml") + ":3: unknown key 'titel' in 'site'; did you mean 'title'?",
                f("feedloom.yaml") + ":6: unknown key 'intervall' in source; did you mean 'interval'?",
                f("feedloom.yaml") + ":9: unknown key 'keyword' in topic; did you mean 'keywords'?"), problems());
    }

    @Test
    void wrongTypesAndBadValues_areReportedAtTheirLines() throws IOException {
        write("feedloom.yaml", """
                site:
                  maxEntries: fifty
                  baseUrl: /relative
                fetch:
                  timeout: 30
                  connectTimeout: soon
                  maxBodySize: lots
                  concurrency: 0
                admin:
                  token: short
                sources:
                  - url: ftp://example.com/feed
                  - url: https://example.com/a
                    interval: 30s
                  - url: https://example.com/b
                    enabled: maybe
                  - url: "http://"
                """);
        String x = f("feedloom.yaml");
        assertEquals(List.of(
                x + ":2: 'maxEntries' must be an integer, got 'fifty'",
                x + ":3: 'baseUrl' is not an absolute URL: '/relative'",
                x + ":5: 'timeout' needs a unit: '30' could be 30s, 30m or 30h",
                x + ":6: 'connectTimeout' is not a duration: 'soon' (use e.g. 90s, 30m, 1h30m, 2d)",
                x + ":7: 'maxBodySize' is not a size: 'lots' (use e.g. 10MiB, 512KiB or bytes)",
                x + ":8: 'concurrency' must be from 1 to 256, got 0",
                x + ":10: 'token' must be at least 16 characters long",
                x + ":12: 'url' must be an http or https URL: 'ftp://example.com/feed'",
                x + ":14: 'interval' must be at least 1m, got 30s",
                x + ":16: 'enabled' must be true or false, got 'maybe'",
                x + ":17: 'url' is not a valid URL (Expected authority): 'http://'"), problems());
    }

    @Test
    void sourceWithBothOrNeitherUrlAndSite_isAProblem() throws IOException {
        write("feedloom.yaml", """
                sources:
                  - url: https://a.example/feed
                    site: a.example
                  - name: Nothing
                """);
        String x = f("feedloom.yaml");
        assertEquals(List.of(
                x + ":2: a source has either 'url' (a feed) or 'site' (to discover its feed), not both",
                x + ":4: a source needs 'url' (a feed) or 'site' (a domain or homepage to discover its feed from)"),
                problems());
    }

    @Test
    void duplicateSourcesAndTopicSlugs_nameTheOtherPlace() throws IOException {
        write("feedloom.yaml", """
                sources:
                  - url: https://www.example.com/feed/
                  - url: https://other.example/rss
                    name: Twin
                topics:
                  - name: Computer Vision
                """);
        write("more.yaml", """
                sources:
                  - url: http://example.com/feed
                  - url: https://third.example/rss
                    name: twin
                topics:
                  - name: computer  vision!
                  - name: Other
                    slug: Not A Slug
                  - keywords: [x]
                """);
        String a = f("feedloom.yaml");
        String b = f("more.yaml");
        assertEquals(List.of(
                b + ":6: duplicate topic slug 'computer-vision' (topic 'computer  vision!'; also used by 'Computer Vision' at " + a + ":6)",
                b + ":2: duplicate source: http://example.com/feed is already configured at " + a + ":2",
                b + ":3: duplicate source id 'twin' (also at " + a + ":3); give one of them another 'name'",
                b + ":8: 'slug' must be lower-case letters and digits separated by single dashes, got 'Not A Slug'",
                b + ":9: a topic needs a 'name'").stream().sorted().toList(),
                problems().stream().sorted().toList());
    }

    /**
     * Issue 11: a topic's slug names its feed, and the slug its name gives (when another is configured) is the URL
     * that redirects there ("from its name"); no two topics may share either.
     */
    @Test
    void topicSlugsCollidingAcrossTwoFiles_configuredOrFromTheName_nameBothPlaces() throws IOException {
        write("feedloom.yaml", """
                topics:
                  - name: Artificial Intelligence
                    slug: ai
                  - name: Quantum Computing
                    slug: quantum
                """);
        write("more.yaml", """
                topics:
                  - name: AI
                  - name: QC
                    slug: quantum-computing
                  - name: quantum computing
                    slug: qc-again
                """);
        String a = f("feedloom.yaml");
        String b = f("more.yaml");
        assertEquals(List.of(
                b + ":2: duplicate topic slug 'ai' (topic 'AI'; also used by 'Artificial Intelligence' at " + a + ":2)",
                b + ":3: duplicate topic slug 'quantum-computing' (topic 'QC'; also used by 'Quantum Computing', from its"
                        + " name, at " + a + ":4)",
                b + ":5: duplicate topic slug 'quantum-computing' (topic 'quantum computing', from its name; also used by"
                        + " 'Quantum Computing', from its name, at " + a + ":4)"),
                problems());
    }

    @Test
    void topicSlug_thatIsNoSlugOrIsAll_isAProblemAtItsLine() throws IOException {
        write("feedloom.yaml", """
                topics:
                  - name: Everything
                    slug: all
                  - name: All
                  - name: All Things
                    slug: all-things
                  - name: Quantum
                    slug: Quantum_Computing
                """);
        String x = f("feedloom.yaml");
        assertEquals(List.of(
                x + ":3: 'slug' must not be 'all': that is the feed of every article",
                x + ":4: topic 'All' gets the slug 'all' from its name, the feed of every article; give it a 'slug'",
                x + ":8: 'slug' must be lower-case letters and digits separated by single dashes, got 'Quantum_Computing'"),
                problems());
    }

    @Test
    void excludeAndHide_areRead_andHideListsAreJoinedAcrossFiles_issue11() throws IOException {
        write("feedloom.yaml", """
                sources:
                  - url: https://a.example/feed
                    exclude: [sponsored, gift guide]
                topics:
                  - {name: AI, keywords: [machine learning], exclude: [robot]}
                hide:
                  - https://example.com/news/story/amp
                """);
        write("more.yaml", "hide: [\"https://example.com/other?utm_source=x\"]\n");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("sponsored", "gift guide"), r.config().sources().get(0).exclude());
        assertEquals(List.of("robot"), r.config().topics().get(0).exclude());
        assertEquals(List.of("https://example.com/news/story/amp", "https://example.com/other?utm_source=x"),
                r.config().hide());
        assertEquals(List.of(), FeedloomConfig.defaults().hide());
    }

    @Test
    void badHideUrl_andExcludeThatIsNotAList_areProblemsAtTheirLines_issue11() throws IOException {
        write("feedloom.yaml", """
                sources:
                  - url: https://a.example/feed
                    exclude: sponsored, gift guide
                topics:
                  - name: AI
                    exclude: {robot: yes}
                  - name: ML
                    excludes: [robot]
                hide:
                  - https://example.com/fine
                  - example.com/story
                  - ftp://example.com/story
                  - {url: https://example.com/story}
                """);
        write("more.yaml", "hide: https://example.com/story\n");
        String x = f("feedloom.yaml");
        assertEquals(List.of(
                x + ":3: 'exclude' must be a list, e.g. [first, second], got 'sponsored, gift guide'",
                x + ":6: 'exclude' must be a list, e.g. [first, second], got a mapping",
                x + ":8: unknown key 'excludes' in topic; did you mean 'exclude'?",
                x + ":11: 'hide' is not an absolute URL: 'example.com/story'",
                x + ":12: 'hide' must be an http or https URL: 'ftp://example.com/story'",
                x + ":13: 'hide' must be a non-empty text value",
                f("more.yaml") + ":1: 'hide' must be a list"), problems());
    }

    @Test
    void invalidYaml_isOneProblemAtItsLine() throws IOException {
        write("feedloom.yaml", "site:\n  title: [unclosed\n  author: x\n");
        List<String> p = problems();
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(f("feedloom.yaml") + ":3: invalid YAML: "), p.toString());
    }

    @Test
    void emptyFile_andNullSections_areFine() throws IOException {
        write("feedloom.yaml", "");
        write("b.yaml", "sources:\ntopics: ~\n");
        ConfigResult r = ConfigLoader.load(dir);
        assertEquals(List.of(), r.problems());
        assertNull(r.config().site().baseUrl());
    }
}
