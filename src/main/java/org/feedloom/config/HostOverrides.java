package org.feedloom.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.feedloom.yaml.YamlMapping;
import org.feedloom.yaml.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code fetch.hosts:}, a mapping of host names to what differs for each: {@code perHost} (1 to 64),
 * {@code minInterval} (a duration longer than zero) and {@code userAgent} (printable ASCII, as a header value must
 * be). A key that is not a host name (a URL, say), a host given twice in any case, an unknown setting, a bad value or
 * a host that sets nothing is a problem at its line, and is left out.
 */
final class HostOverrides {
    static final List<String> KEYS = List.of("perHost", "minInterval", "userAgent");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+]");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]+");

    private HostOverrides() {}

    static Map<String, FeedloomConfig.Fetch.Host> read(YamlNodes nodes, Node value) {
        Map<String, FeedloomConfig.Fetch.Host> hosts = new LinkedHashMap<>();
        YamlMapping mapping = YamlNodes.isNull(value) ? null : nodes.mapping(value, "hosts");
        if (mapping == null) {
            return null;
        }
        Map<String, Node> first = new LinkedHashMap<>();
        for (NodeTuple t : mapping.node().getValue()) {
            String host = host(nodes, t.getKeyNode());
            if (host == null) {
                continue;
            }
            Node earlier = first.putIfAbsent(host, t.getKeyNode());
            if (earlier != null) {
                if (!((ScalarNode) earlier).getValue().equals(((ScalarNode) t.getKeyNode()).getValue())) {
                    // the same key twice is the reader's duplicate key; the same host in another case is this one
                    nodes.problem(t.getKeyNode(), "host '" + host + "' is already set at line " + nodes.line(earlier));
                }
                continue;
            }
            FeedloomConfig.Fetch.Host override = override(nodes, t.getValueNode(), host);
            if (override != null) {
                hosts.put(host, override);
            }
        }
        return hosts;
    }

    /** The key as a lower-case host name; null (and a problem) when it is none. */
    private static String host(YamlNodes nodes, Node key) {
        String name = key instanceof ScalarNode s ? s.getValue().strip().toLowerCase(Locale.ROOT) : "";
        if (HOST.matcher(name).matches()) {
            return name;
        }
        nodes.problem(key, "'hosts' keys are host names as in a URL, without scheme, port or path (e.g. "
                + "feeds.example.org), not " + YamlNodes.describe(key));
        return null;
    }

    private static FeedloomConfig.Fetch.Host override(YamlNodes nodes, Node value, String host) {
        YamlMapping m = YamlNodes.isNull(value) ? null : nodes.mapping(value, "hosts: " + host);
        if (m == null) {
            if (YamlNodes.isNull(value)) {
                nodes.problem(value, "host '" + host + "' sets none of " + String.join(", ", KEYS));
            }
            return null;
        }
        int before = nodes.problemCount();
        Integer perHost = null;
        Duration minInterval = null;
        String userAgent = null;
        for (NodeTuple t : m.entries("host '" + host + "'", KEYS)) {
            String name = YamlNodes.key(t);
            Node v = t.getValueNode();
            switch (name) {
                case "perHost" -> perHost = nodes.integer(v, name, 1, 64);
                case "minInterval" -> minInterval = Schema.positive(nodes, v, name, Schema.duration(nodes, v, name));
                default -> userAgent = userAgent(nodes, v);
            }
        }
        if (nodes.problemCount() > before) {
            return null;
        }
        if (perHost == null && minInterval == null && userAgent == null) {
            nodes.problem(value, "host '" + host + "' sets none of " + String.join(", ", KEYS));
            return null;
        }
        return new FeedloomConfig.Fetch.Host(perHost, minInterval, userAgent);
    }

    private static String userAgent(YamlNodes nodes, Node v) {
        String ua = nodes.text(v, "userAgent");
        if (ua != null && !PRINTABLE.matcher(ua).matches()) {
            nodes.problem(v, "'userAgent' must be printable ASCII (it is sent as a header), not " + YamlNodes.describe(v));
            return null;
        }
        return ua;
    }
}
