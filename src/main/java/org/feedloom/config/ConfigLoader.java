package org.feedloom.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.feedloom.model.Problem;
import org.feedloom.model.Source;
import org.feedloom.model.TopicRule;
import org.feedloom.yaml.Utf8Text;
import org.feedloom.yaml.YamlMapping;
import org.feedloom.yaml.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads the configuration folder: {@code feedloom.yaml} first, then every other {@code *.yaml} / {@code *.yml}
 * directly in the folder in name order. {@code sources:}, {@code topics:} and {@code hide:} lists concatenate across files;
 * every other section may appear in one file only. Every problem is reported as {@code file:line: message}, all
 * in one pass. A missing folder or no files gives the defaults. Never throws for bad input; thread-safe.
 */
public final class ConfigLoader {
    static final String MAIN_FILE = "feedloom.yaml";
    /** The most text a configuration file may hold, and the most bytes read to find out. */
    private static final int MAX_CODE_POINTS = 1024 * 1024;
    private static final int MAX_FILE_BYTES = 4 * MAX_CODE_POINTS;
    private static final List<String> LIST_SECTIONS = List.of("sources", "topics", "hide");

    private ConfigLoader() {}

    public static ConfigResult load(Path dir) {
        List<Problem> problems = new ArrayList<>();
        Sections sections = new Sections();
        for (Path file : files(dir, problems)) {
            readFile(file, sections, problems);
        }
        FeedloomConfig config = build(sections, problems);
        new Duplicates(problems).check(config, sections);
        problems.sort(null);
        return new ConfigResult(config, problems);
    }

    /** The config files of {@code dir}, main file first; missing folder = none; a file in its place, a problem. */
    static List<Path> files(Path dir, List<Problem> problems) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) { // config/feedloom.yaml given for config/: not ignored
            problems.add(new Problem(dir.toString(), 0, "config: a file, not a folder: the configuration is the "
                    + "folder that holds " + MAIN_FILE + " (--config " + (dir.getParent() == null ? "DIR"
                    : dir.getParent().toString()) + ")"));
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
                    })
                    .sorted((a, b) -> {
                        boolean am = a.getFileName().toString().equals(MAIN_FILE);
                        boolean bm = b.getFileName().toString().equals(MAIN_FILE);
                        return am != bm ? (am ? -1 : 1) : a.getFileName().compareTo(b.getFileName());
                    })
                    .toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), 0, "config: cannot list the folder (" + e.getMessage() + ")"));
            return List.of();
        }
    }

    private static void readFile(Path file, Sections sections, List<Problem> problems) {
        String name = file.toString();
        YamlNodes nodes = new YamlNodes(name, 1, problems);
        Node root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(new Problem(name, 0, "larger than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB: not a configuration file, not read"));
                return;
            }
            root = nodes.compose(new StringReader(Utf8Text.decode(Files.readAllBytes(file))), 30, MAX_CODE_POINTS);
        } catch (Utf8Text.NotUtf8 e) {
            problems.add(new Problem(name, e.line(), e.getMessage()));
            return;
        } catch (YamlNodes.InvalidYaml e) {
            problems.add(new Problem(name, e.line(), e.getMessage()));
            return;
        } catch (IOException e) {
            problems.add(new Problem(name, 0, "cannot read: " + e.getMessage().replaceAll("\\s+", " ")));
            return;
        }
        if (root == null) {
            return;
        }
        YamlMapping mapping = nodes.mapping(root, "the file");
        if (mapping == null) {
            return;
        }
        List<String> known = new ArrayList<>(Schema.SECTIONS.keySet());
        known.addAll(LIST_SECTIONS);
        for (NodeTuple t : mapping.entries("the top level", known)) {
            String key = YamlNodes.key(t);
            if (LIST_SECTIONS.contains(key)) {
                Node value = t.getValueNode();
                if (value instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        if (key.equals("hide")) {
                            String url = nodes.url(item, "hide");
                            if (url != null) {
                                sections.hide.add(url);
                            }
                            continue;
                        }
                        YamlMapping m = nodes.mapping(item, key + " entry");
                        if (m != null) {
                            sections.lists.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
                        }
                    }
                } else if (!YamlNodes.isNull(value)) {
                    nodes.problem(value, "'" + key + "' must be a list");
                }
            } else {
                YamlMapping first = sections.scalars.get(key);
                if (first != null && first.nodes() == nodes) {
                    continue; // a key given twice in one file, reported as such by the reader
                } else if (first != null) {
                    nodes.problem(t.getKeyNode(), "section '" + key + "' is already set in " + first.origin()
                            + "; a section other than sources, topics and hide may appear in one file only");
                } else {
                    YamlMapping m = nodes.mapping(t.getValueNode(), key);
                    if (m != null) {
                        sections.scalars.put(key, m);
                    }
                }
            }
        }
    }

    private static FeedloomConfig build(Sections sections, List<Problem> problems) {
        Map<String, Map<String, Object>> values = new HashMap<>();
        sections.scalars.forEach((name, located) -> values.put(name, Schema.read(name, located)));
        List<Source> sources = new ArrayList<>();
        for (YamlMapping l : sections.lists.getOrDefault("sources", List.of())) {
            Source s = SourceReader.read(l);
            if (s != null) {
                sources.add(s);
            }
        }
        List<TopicRule> topics = new ArrayList<>();
        for (YamlMapping l : sections.lists.getOrDefault("topics", List.of())) {
            TopicRule t = SourceReader.topic(l);
            if (t != null) {
                topics.add(t);
                sections.topicOrigins.add(l.origin());
            }
        }
        requireBaseUrlForHub(sections, values);
        return Schema.assemble(values, sources, topics, sections.hide);
    }

    /**
     * A WebSub hub is told the feeds' public URLs, which only {@code site.baseUrl} knows (without it each request's
     * Host decides them), so {@code websub.hub} without {@code site.baseUrl} is a configuration problem.
     */
    private static void requireBaseUrlForHub(Sections sections, Map<String, Map<String, Object>> values) {
        YamlMapping websub = sections.scalars.get("websub");
        if (websub == null || !values.getOrDefault("websub", Map.of()).containsKey("hub")
                || values.getOrDefault("site", Map.of()).containsKey("baseUrl")) {
            return;
        }
        for (NodeTuple t : websub.node().getValue()) {
            if (YamlNodes.key(t).equals("hub")) {
                websub.nodes().problem(t.getKeyNode(), "'hub' needs 'site.baseUrl': the hub is told the feeds' "
                        + "public URLs, and only site.baseUrl says what they are");
            }
        }
    }

    /** Sections seen so far: the single-file ones by name, the list ones concatenated in file order. */
    static final class Sections {
        final Map<String, YamlMapping> scalars = new LinkedHashMap<>();
        final Map<String, List<YamlMapping>> lists = new LinkedHashMap<>();
        /** {@code file:line} of each valid topic, in the order of the configuration's topics. */
        final List<String> topicOrigins = new ArrayList<>();
        /** The {@code hide:} URLs of every file, in file order. */
        final List<String> hide = new ArrayList<>();
    }
}
