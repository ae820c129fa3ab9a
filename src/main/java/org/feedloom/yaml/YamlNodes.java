package org.feedloom.yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.feedloom.model.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML document (a configuration file, a seed's front matter) and the typed values read out of its nodes. Every
 * value of the wrong type, unknown key (with the nearest valid name) or value out of range is recorded as a
 * {@link Problem} at the value's {@code file:line}, and reads as null (an empty list for lists). A null node, which
 * {@link YamlMapping#value} gives for an absent, empty or YAML-null value, reads as null without a problem (an empty list
 * for lists). Not
 * thread-safe; one per document.
 */
public final class YamlNodes {
    private final String file;
    private final int firstLine;
    private final List<Problem> problems;

    /**
     * @param file      the name problems carry
     * @param firstLine the file's line number of the document's first line (1 for a whole file)
     * @param problems  where problems are added
     */
    public YamlNodes(String file, int firstLine, List<Problem> problems) {
        this.file = file;
        this.firstLine = firstLine;
        this.problems = problems;
    }

    /**
     * The document's root node, or null for an empty document. Aliases are limited to 20 per collection; a key given
     * twice in one mapping is recorded as a problem at its second place (SnakeYAML's own duplicate-key option only
     * applies when it constructs objects, not to the nodes this reads).
     *
     * @throws InvalidYaml when SnakeYAML refuses the text: a syntax error ({@code invalid YAML: ...} at its line), a
     *                     limit ({@code invalid YAML: ...} at the first line), or a reader's failure such as bad UTF-8
     *                     ({@code cannot read: ...}, line 0)
     */
    public Node compose(Reader text, int maxNesting, int maxCodePoints) throws InvalidYaml {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(maxNesting);
        options.setCodePointLimit(maxCodePoints);
        try {
            // what Yaml.compose does, without making the Yaml object's constructor and representer that only
            // loading into objects and dumping use (about 25 ms of a cold start)
            Node root = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
                    .getSingleNode();
            DuplicateKeys.report(root, this);
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new InvalidYaml(mark == null ? firstLine : mark.getLine() + firstLine,
                    "invalid YAML: " + oneLine(e.getProblem()), e);
        } catch (YAMLException e) {
            if (e.getCause() instanceof IOException) { // SnakeYAML wraps what the reader throws, bad UTF-8 too
                throw new InvalidYaml(0, "cannot read: " + oneLine(e.getMessage()), e);
            }
            throw new InvalidYaml(firstLine, "invalid YAML: " + oneLine(e.getMessage()), e); // a limit
        }
    }

    public String file() {
        return file;
    }

    public int problemCount() {
        return problems.size();
    }

    public int line(Node node) {
        return node.getStartMark().getLine() + firstLine;
    }

    /** Records a problem at the node's line (line 0 without a node). */
    public void problem(Node at, String message) {
        problems.add(new Problem(file, at == null ? 0 : line(at), message));
    }

    /** Whether the node is YAML null ({@code ~}, {@code null}) or blank. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (s.getTag().getValue().endsWith(":null") || s.getValue().isBlank());
    }

    /** The name of an entry that {@link YamlMapping#entries} kept. */
    public static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }

    /** The node as a mapping with its document; null (and a problem naming {@code what}) when it is not one. */
    public YamlMapping mapping(Node node, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof MappingNode m) {
            return new YamlMapping(this, m);
        }
        problem(node, "'" + what + "' must be a mapping of keys to values");
        return null;
    }

    /** A non-empty text value, stripped. */
    public String text(Node node, String key) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s && !isNull(s)) {
            return s.getValue().strip();
        }
        problem(node, "'" + key + "' must be a non-empty text value");
        return null;
    }

    /** A whole number from {@code min} to {@code max}; {@code _} may group digits. */
    public Integer integer(Node node, String key, int min, int max) {
        if (node == null) {
            return null;
        }
        String v = node instanceof ScalarNode s ? s.getValue().strip() : null;
        try {
            int n = Integer.parseInt(v == null ? "" : v.replace("_", ""));
            if (n < min || n > max) {
                problem(node, "'" + key + "' must be from " + min + " to " + max + ", got " + n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(node, "'" + key + "' must be an integer, got " + describe(node));
            return null;
        }
    }

    /** {@code true}, {@code yes}, {@code on} or {@code false}, {@code no}, {@code off}, in any case. */
    public Boolean bool(Node node, String key) {
        if (node == null) {
            return null;
        }
        String v = node instanceof ScalarNode s ? s.getValue().strip().toLowerCase(Locale.ROOT) : "";
        return switch (v) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> {
                problem(node, "'" + key + "' must be true or false, got " + describe(node));
                yield null;
            }
        };
    }

    /** An absolute http(s) URL with a host. */
    public String url(Node node, String key) {
        String v = text(node, key);
        if (v == null) {
            return null;
        }
        String problem = urlProblem(v);
        if (problem != null) {
            problem(node, "'" + key + "' " + problem + ": '" + v + "'");
            return null;
        }
        return v;
    }

    /** Null for an absolute http(s) URL with a host; else what is wrong with it, to follow the key's name. */
    public static String urlProblem(String v) {
        try {
            URI uri = new URI(v);
            if (uri.getScheme() == null) {
                return "is not an absolute URL";
            }
            if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
                return "must be an http or https URL";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL (" + e.getReason() + ")";
        }
    }

    /** A list of text values; a single value counts as a list of one. */
    public List<String> strings(Node node, String key) {
        List<String> out = new ArrayList<>();
        for (Node item : elements(node)) {
            String v = text(item, key);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * A YAML list of text values. Unlike {@link #strings}, a single value is refused: {@code exclude: a, b} would
     * otherwise be the one keyword "a, b", which never matches.
     */
    public List<String> list(Node node, String key) {
        if (node == null || node instanceof SequenceNode) {
            return strings(node, key);
        }
        problem(node, "'" + key + "' must be a list, e.g. [first, second], got " + describe(node));
        return List.of();
    }

    /** The elements of a list; a single value counts as a list of one, a null node as none. */
    static List<Node> elements(Node node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    }

    /** A scalar quoted, else the kind of node ("a mapping", "a sequence"), for messages. */
    public static String describe(Node node) {
        return node instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a " + node.getNodeId().name().toLowerCase(Locale.ROOT);
    }

    /** The entries of a mapping; reports keys outside {@code allowed} (naming the nearest one) and skips them. */
    List<NodeTuple> entries(MappingNode mapping, String where, Collection<String> allowed) {
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                String name = key == null ? "(not a name)" : key;
                String near = key == null ? null : Names.nearest(key, allowed);
                problem(t.getKeyNode(), "unknown key '" + name + "' in " + where
                        + (near != null ? "; did you mean '" + near + "'?" : "; valid keys: " + String.join(", ", allowed)));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "syntax error" : s.replaceAll("\\s+", " ").strip();
    }

    /** SnakeYAML refused a document: the line of the problem (0 for the whole document), and why, on one line. */
    public static final class InvalidYaml extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        InvalidYaml(int line, String message, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
