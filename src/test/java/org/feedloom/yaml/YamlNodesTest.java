package org.feedloom.yaml;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.nodes.MappingNode;

/** The one set of rules for reading YAML nodes, as config and seed both see them. */
class YamlNodesTest {
    private final List<Problem> problems = new ArrayList<>();

    /** A document that starts on line 3 of file f (as a seed's front matter after a blank line and a fence). */
    private YamlMapping read(String yaml) throws YamlNodes.InvalidYaml {
        YamlNodes nodes = new YamlNodes("f", 3, problems);
        return nodes.mapping(nodes.compose(new StringReader(yaml), 50, 1024 * 1024), "the file");
    }

    private List<String> messages() {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void compose_syntaxError_isAtItsLineInTheFile() {
        YamlNodes nodes = new YamlNodes("f", 3, problems);
        YamlNodes.InvalidYaml e = assertThrows(YamlNodes.InvalidYaml.class,
                () -> nodes.compose(new StringReader("a: 1\nb: [unclosed\nc: 2\n"), 50, 1000));
        assertEquals(5, e.line(), "third line of a document that starts on line 3");
        assertTrue(e.getMessage().startsWith("invalid YAML: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void compose_refusesAliasBombsAndDeepNesting() {
        YamlNodes nodes = new YamlNodes("f", 1, problems);
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append("]\n");
        }
        for (String yaml : List.of(bomb.toString(), "a: " + "[".repeat(60) + "]".repeat(60))) {
            YamlNodes.InvalidYaml e = assertThrows(YamlNodes.InvalidYaml.class,
                    () -> nodes.compose(new StringReader(yaml), 50, 1024 * 1024), yaml);
            assertTrue(e.getMessage().startsWith("invalid YAML: ") && e.line() >= 1, e.getMessage());
        }
    }

    @Test
    void compose_refusesMoreCodePointsThanTheLimit_atTheFirstLine() {
        YamlNodes nodes = new YamlNodes("f", 4, problems);
        String yaml = "list:\n" + "  - an entry of the list\n".repeat(100); // 2,406 code points
        YamlNodes.InvalidYaml e = assertThrows(YamlNodes.InvalidYaml.class,
                () -> nodes.compose(new StringReader(yaml), 50, 1000));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("invalid YAML: ") && e.getMessage().contains("1000"), e.getMessage());
        assertTrue(assertDoesNotThrow(() -> nodes.compose(new StringReader(yaml), 50, 3000)) instanceof MappingNode,
                "within the limit it is read");
    }

    @Test
    void compose_keyGivenTwice_isAProblemAtItsSecondPlace_inEveryMapping() throws Exception {
        // SnakeYAML's setAllowDuplicateKeys(false), set here before, never applied to compose
        YamlMapping m = read("title: a\nsite:\n  url: x\n  url: y\ntitle: b\nlist:\n  - {k: 1, k: 2}\nref: &r {z: 1}\nagain: *r\n");
        assertEquals("a", m.text("title"), "the first is read");
        assertEquals(List.of("f:6: duplicate key 'url' (first at line 5)", "f:7: duplicate key 'title' (first at line 3)",
                "f:9: duplicate key 'k' (first at line 9)"), messages().stream().sorted(
                        java.util.Comparator.comparing((String p) -> Integer.parseInt(p.split(":")[1]))).toList());
    }

    @Test
    void compose_emptyDocument_isNull() throws Exception {
        assertNull(new YamlNodes("f", 1, problems).compose(new StringReader(""), 50, 1000));
    }

    @Test
    void value_absentEmptyAndYamlNull_areAbsentWithoutAProblem() throws Exception {
        YamlMapping m = read("a:\nb: ~\nc: null\nd: ''\ne: x\n");
        for (String key : List.of("a", "b", "c", "d", "z")) {
            assertNull(m.value(key), key);
            assertNull(m.text(key), key);
            assertNull(m.integer(key, 0, 9), key);
            assertNull(m.bool(key), key);
            assertEquals(List.of(), m.strings(key), key);
            assertEquals(List.of(), m.mappings(key), key);
            assertNull(m.mapping(key), key);
        }
        assertEquals("x", m.text("e"));
        assertEquals(List.of(), problems);
    }

    @Test
    void text_presentButEmptyOrNotText_isAProblemAtItsLine() throws Exception {
        YamlMapping m = read("a: ''\nb: [x]\nc: {x: 1}\nd: '  padded  '\n");
        YamlNodes nodes = m.nodes();
        assertNull(nodes.text(m.node().getValue().get(0).getValueNode(), "a"), "a caller that reads a present key");
        assertNull(m.text("b"));
        assertNull(m.text("c"));
        assertEquals("padded", m.text("d"));
        assertEquals(List.of("f:3: 'a' must be a non-empty text value", "f:4: 'b' must be a non-empty text value",
                "f:5: 'c' must be a non-empty text value"), messages());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "42       | 42 |",
            "1_000    | 1000 |",
            "-5       |    | f:3: 'n' must be from 0 to 5000, got -5",
            "x        |    | f:3: 'n' must be an integer, got 'x'",
            "[1]      |    | f:3: 'n' must be an integer, got a sequence",
            "1.5      |    | f:3: 'n' must be an integer, got '1.5'"})
    void integer_isWholeAndInRange(String yaml, Integer expected, String problem) throws Exception {
        assertEquals(expected, read("n: " + yaml).integer("n", 0, 5000));
        assertEquals(problem == null ? List.of() : List.of(problem), messages());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "true | true", "Yes | true", "on | true", "FALSE | false", "no | false", "off | false", "maybe |", "1 |"})
    void bool_takesTheYamlWords(String yaml, Boolean expected) throws Exception {
        assertEquals(expected, read("b: " + yaml).bool("b"));
        assertEquals(expected == null ? List.of("f:3: 'b' must be true or false, got '" + yaml + "'") : List.of(), messages());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://example.com/feed |",
            "example.com/feed         | is not an absolute URL",
            "ftp://example.com/       | must be an http or https URL",
            "http:///x                | has no host",
            "'http://exa mple.com/'   | is not a valid URL (Illegal character in authority)"})
    void urlProblem_onlyHttpUrlsWithAHost(String url, String problem) {
        assertEquals(problem, YamlNodes.urlProblem(url.replace("'", "")));
    }

    @Test
    void strings_aSingleValueIsAListOfOne_blankEntriesAreProblems() throws Exception {
        YamlMapping m = read("one: AI\nmany: [AI, '', ~, {x: 1}, ML]\n");
        assertEquals(List.of("AI"), m.strings("one"));
        assertEquals(List.of("AI", "ML"), m.strings("many"));
        assertEquals(3, problems.size(), messages().toString());
        assertTrue(messages().stream().allMatch(p -> p.equals("f:4: 'many' must be a non-empty text value")), messages().toString());
    }

    @Test
    void list_refusesASingleValue() throws Exception {
        YamlMapping m = read("a: x, y\nb: [x, y]\n");
        YamlNodes nodes = m.nodes();
        assertEquals(List.of(), nodes.list(m.value("a"), "a"));
        assertEquals(List.of("x", "y"), nodes.list(m.value("b"), "b"));
        assertEquals(List.of("f:3: 'a' must be a list, e.g. [first, second], got 'x, y'"), messages());
    }

    @Test
    void mappings_aSingleMappingIsAListOfOne_otherEntriesAreProblems() throws Exception {
        YamlMapping m = read("one: {url: a}\nmany:\n  - url: b\n  - c\n  - url: d\n");
        assertEquals(List.of("a"), m.mappings("one").stream().map(x -> x.text("url")).toList());
        assertEquals(List.of("b", "d"), m.mappings("many").stream().map(x -> x.text("url")).toList());
        assertEquals(List.of("f:6: 'many entry' must be a mapping of keys to values"), messages());
        assertEquals(5, m.mappings("many").get(0).line());
        assertEquals("f:5", m.mappings("many").get(0).origin());
    }

    @Test
    void entries_unknownKeysNameTheNearestOrListTheValidOnesInOrder() throws Exception {
        YamlMapping m = read("url: a\nintervall: 1m\nzzz: 1\n? [x]\n: 1\n");
        assertEquals(List.of("url"), m.entries("source", List.of("url", "site", "interval")).stream().map(YamlNodes::key).toList());
        assertEquals(List.of("f:4: unknown key 'intervall' in source; did you mean 'interval'?",
                "f:5: unknown key 'zzz' in source; valid keys: url, site, interval",
                "f:6: unknown key '(not a name)' in source; valid keys: url, site, interval"), messages());
    }

    @Test
    void problemAtKey_isAtItsValueElseAtTheMapping() throws Exception {
        YamlMapping m = read("title: t\nurl: ''\n");
        m.problem("url", "at url");
        m.problem("absent", "at the mapping");
        assertEquals(List.of("f:4: at url", "f:3: at the mapping"), messages());
    }

    @Test
    void nearest_withinTwoEditsOrThreeForLongNames() {
        assertEquals("keywords", Names.nearest("keyword", List.of("name", "keywords")));
        assertEquals("maxItemsPerSource", Names.nearest("maxItemPerSorce", List.of("maxAgeDays", "maxItemsPerSource")));
        assertNull(Names.nearest("colour", List.of("name", "slug")));
        assertEquals(1, Names.distance("ab", "ba"), "a transposition is one edit");
    }
}
