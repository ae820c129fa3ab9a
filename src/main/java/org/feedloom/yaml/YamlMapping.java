package org.feedloom.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping with the document it came from: its values read by key, by the rules of {@link YamlNodes}. An
 * absent key, an empty value and YAML null all read as absent. Not thread-safe, like its document.
 *
 * @param nodes the document: file, lines, problems
 * @param node  the mapping
 */
public record YamlMapping(YamlNodes nodes, MappingNode node) {

    /** The value of {@code key}; null when it is absent, empty or YAML null. */
    public Node value(String key) {
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return YamlNodes.isNull(t.getValueNode()) ? null : t.getValueNode();
            }
        }
        return null;
    }

    public boolean has(String key) {
        return value(key) != null;
    }

    public int line() {
        return nodes.line(node);
    }

    /** {@code file:line} of the mapping. */
    public String origin() {
        return nodes.file() + ":" + line();
    }

    /** Records a problem at the mapping's line. */
    public void problem(String message) {
        nodes.problem(node, message);
    }

    /** Records a problem at the line of {@code key}'s value, or at the mapping's line when the key is absent. */
    public void problem(String key, String message) {
        Node at = node;
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                at = t.getValueNode();
            }
        }
        nodes.problem(at, message);
    }

    /** Its entries whose keys are {@code allowed}; every other key is reported (naming the nearest) and skipped. */
    public List<NodeTuple> entries(String where, Collection<String> allowed) {
        return nodes.entries(node, where, allowed);
    }

    public String text(String key) {
        return nodes.text(value(key), key);
    }

    public Integer integer(String key, int min, int max) {
        return nodes.integer(value(key), key, min, max);
    }

    public Boolean bool(String key) {
        return nodes.bool(value(key), key);
    }

    public List<String> strings(String key) {
        return nodes.strings(value(key), key);
    }

    public YamlMapping mapping(String key) {
        return nodes.mapping(value(key), key);
    }

    /** A list of mappings; a single mapping counts as a list of one. Other entries are reported and skipped. */
    public List<YamlMapping> mappings(String key) {
        List<YamlMapping> out = new ArrayList<>();
        for (Node element : YamlNodes.elements(value(key))) {
            YamlMapping m = nodes.mapping(element, key + " entry");
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }
}
