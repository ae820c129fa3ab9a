package org.feedloom.yaml;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Finds keys given twice in one mapping of a composed document. */
final class DuplicateKeys {
    private DuplicateKeys() {}

    /** Visits every mapping once (an alias can make the document a graph) and reports each key's second place. */
    static void report(Node root, YamlNodes nodes) {
        Deque<Node> todo = new ArrayDeque<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof MappingNode m) {
                Map<String, Node> keys = new HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        Node first = keys.putIfAbsent(k.getValue(), k);
                        if (first != null) {
                            nodes.problem(k, "duplicate key '" + k.getValue() + "' (first at line " + nodes.line(first) + ")");
                        }
                    }
                    todo.push(t.getValueNode());
                }
            } else if (node instanceof SequenceNode seq) {
                seq.getValue().forEach(todo::push);
            }
        }
    }
}
