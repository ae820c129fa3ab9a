package org.feedloom.seed;

import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Problem;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to the fields of one YAML mapping, recording a {@link Problem} at the field's line for every
 * value of the wrong type (the value then reads as absent). Not thread-safe; one per mapping.
 */
final class Fields {
    private final MappingNode mapping;
    private final String file;
    private final int lineOffset;
    private final List<Problem> problems;

    Fields(MappingNode mapping, String file, int lineOffset, List<Problem> problems) {
        this.mapping = mapping;
        this.file = file;
        this.lineOffset = lineOffset;
        this.problems = problems;
    }

    int line() {
        return line(mapping);
    }

    int line(Node node) {
        return node.getStartMark().getLine() + lineOffset;
    }

    Node node(String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    void problem(Node at, String message) {
        problems.add(new Problem(file, at == null ? line() : line(at), message));
    }

    /** A scalar as a stripped string; null when absent, empty or YAML null. */
    String string(String key) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            String value = s.getValue().strip();
            return value.isEmpty() || (s.getTag().getValue().endsWith(":null")) ? null : value;
        }
        problem(node, "'" + key + "' must be a text value");
        return null;
    }

    Integer integer(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node(key), "'" + key + "' must be an integer, got '" + value + "'");
            return null;
        }
    }

    Boolean bool(String key) {
        String value = string(key);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> {
                problem(node(key), "'" + key + "' must be true or false, got '" + value + "'");
                yield null;
            }
        };
    }

    /** A sequence of mappings (a single mapping counts as a list of one). */
    List<Fields> mappings(String key) {
        List<Fields> out = new ArrayList<>();
        for (Node element : elements(key)) {
            if (element instanceof MappingNode m) {
                out.add(new Fields(m, file, lineOffset, problems));
            } else {
                problem(element, "each entry of '" + key + "' must be a mapping");
            }
        }
        return out;
    }

    /** A sequence of scalars (a single scalar counts as a list of one). */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Node element : elements(key)) {
            if (element instanceof ScalarNode s && !s.getValue().isBlank()) {
                out.add(s.getValue().strip());
            } else if (!(element instanceof ScalarNode)) {
                problem(element, "each entry of '" + key + "' must be a text value");
            }
        }
        return out;
    }

    Fields mapping(String key) {
        Node node = node(key);
        if (node == null || (node instanceof ScalarNode s && s.getValue().isBlank())) {
            return null;
        }
        if (node instanceof MappingNode m) {
            return new Fields(m, file, lineOffset, problems);
        }
        problem(node, "'" + key + "' must be a mapping");
        return null;
    }

    private List<Node> elements(String key) {
        Node node = node(key);
        if (node == null || (node instanceof ScalarNode s && s.getValue().isBlank())) {
            return List.of();
        }
        return node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    }
}
