package org.feedloom.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests (the Prometheus Java client has
 * writers only): every line must be a {@code # HELP}, a {@code # TYPE} or a sample; metric and label names must
 * match the format's patterns, label values be properly quoted and escaped, values be floats (or {@code NaN},
 * {@code +Inf}, {@code -Inf}); a family's {@code TYPE} comes once and before its samples, which are contiguous and
 * named as its type allows; no series appears twice; counters are not negative; each histogram's buckets are in
 * increasing {@code le} order, cumulative (non-decreasing), end with {@code +Inf}, whose count equals
 * {@code _count}. Any violation throws {@link IllegalArgumentException} naming the line.
 */
public final class TextFormat {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\[\\\\n])*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{.*})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** Every series by name and labels ({@link #key}), with its value. */
    private final Map<String, Double> series = new LinkedHashMap<>();
    /** Each family's type. */
    private final Map<String, String> types = new HashMap<>();

    private TextFormat() {
    }

    /** Parses and checks a whole exposition. */
    public static TextFormat parse(String text) {
        TextFormat t = new TextFormat();
        t.read(text);
        return t;
    }

    /** The series key: the name, then the labels sorted by name, as {@code name{a="1",b="2"}} (no braces if none). */
    public static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> s.append(k).append("=\"").append(v).append("\","));
        s.setLength(s.length() - 1);
        return s.append('}').toString();
    }

    /** The value of a series; {@code labels} are name-value pairs; fails if there is no such series. */
    public double value(String name, String... labels) {
        Map<String, String> l = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        Double v = series.get(key(name, l));
        if (v == null) {
            throw new AssertionError("no series " + key(name, l));
        }
        return v;
    }

    /** The value of a series, or {@code otherwise} when there is no such series. */
    public double valueOr(double otherwise, String name, String... labels) {
        try {
            return value(name, labels);
        } catch (AssertionError e) {
            return otherwise;
        }
    }

    /** Every series whose name is {@code name}, by key. */
    public Map<String, Double> all(String name) {
        Map<String, Double> out = new LinkedHashMap<>();
        series.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The type of family {@code name}, or null. */
    public String type(String name) {
        return types.get(name);
    }

    private void read(String text) {
        check(text.endsWith("\n"), 0, "the exposition must end with a newline");
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        Set<String> helped = new HashSet<>();
        Set<String> finished = new HashSet<>();
        String current = null;
        Map<String, List<double[]>> buckets = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.startsWith("# HELP ")) {
                Matcher m = HELP.matcher(line);
                check(m.matches(), n, "bad HELP line: " + line);
                check(helped.add(m.group(1)), n, "second HELP for " + m.group(1));
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                Matcher m = TYPE.matcher(line);
                check(m.matches(), n, "bad TYPE line: " + line);
                check(!types.containsKey(m.group(1)), n, "second TYPE for " + m.group(1));
                check(!finished.contains(m.group(1)), n, "TYPE after the samples of " + m.group(1));
                types.put(m.group(1), m.group(2));
                if (current != null) {
                    finished.add(current);
                }
                current = m.group(1);
                continue;
            }
            check(!line.startsWith("#") || line.startsWith("# "), n, "bad comment: " + line);
            if (line.startsWith("# ")) {
                continue; // a comment
            }
            Matcher m = SAMPLE.matcher(line);
            check(m.matches(), n, "bad sample line: " + line);
            String name = m.group(1);
            Map<String, String> labels = labels(m.group(2), n);
            double value = number(m.group(3), n);
            String family = familyOf(name, current);
            check(family != null, n, name + " is not a sample of the family whose TYPE precedes it (" + current + ")");
            check(!finished.contains(family), n, "samples of " + family + " are not contiguous");
            check(series.put(key(name, labels), value) == null, n, "series twice: " + key(name, labels));
            String type = types.get(family);
            if (type.equals("counter")) {
                check(value >= 0, n, "negative counter: " + line);
            }
            if (type.equals("histogram")) {
                histogramSample(buckets, family, name, labels, value, n);
            }
        }
        buckets.forEach(this::checkHistogram);
    }

    /** The family a sample of {@code name} belongs to, given the family whose TYPE came last; null if none. */
    private String familyOf(String name, String current) {
        if (current == null) {
            return null;
        }
        String type = types.get(current);
        List<String> allowed = switch (type) {
            case "histogram" -> List.of(current + "_bucket", current + "_sum", current + "_count");
            case "summary" -> List.of(current, current + "_sum", current + "_count");
            default -> List.of(current);
        };
        return allowed.contains(name) ? current : null;
    }

    private static void histogramSample(Map<String, List<double[]>> buckets, String family, String name,
                                        Map<String, String> labels, double value, int n) {
        Map<String, String> others = new HashMap<>(labels);
        String le = others.remove("le");
        String series = key(family, others);
        List<double[]> list = buckets.computeIfAbsent(series, k -> new ArrayList<>());
        if (name.endsWith("_bucket")) {
            check(le != null, n, "a bucket without le");
            list.add(new double[] {number(le, n), value});
        } else {
            check(le == null, n, "le on " + name);
            list.add(new double[] {name.endsWith("_count") ? Double.NaN : Double.NEGATIVE_INFINITY, value});
        }
    }

    /** Buckets in increasing order, cumulative, ending with +Inf equal to _count; _sum and _count present. */
    private void checkHistogram(String series, List<double[]> samples) {
        double previousLe = Double.NEGATIVE_INFINITY;
        double previousCount = 0;
        Double inf = null;
        Double count = null;
        boolean sum = false;
        for (double[] s : samples) {
            if (Double.isNaN(s[0])) {
                count = s[1];
            } else if (s[0] == Double.NEGATIVE_INFINITY) {
                sum = true;
            } else {
                check(s[0] > previousLe, 0, series + ": buckets not in increasing le order");
                check(s[1] >= previousCount, 0, series + ": bucket counts decrease");
                previousLe = s[0];
                previousCount = s[1];
                if (s[0] == Double.POSITIVE_INFINITY) {
                    inf = s[1];
                }
            }
        }
        check(inf != null, 0, series + ": no +Inf bucket");
        check(count != null && sum, 0, series + ": no _count or _sum");
        check(inf.doubleValue() == count.doubleValue(), 0, series + ": +Inf bucket " + inf + " != _count " + count);
    }

    private static Map<String, String> labels(String braces, int n) {
        Map<String, String> labels = new HashMap<>();
        if (braces == null) {
            return labels;
        }
        String inner = braces.substring(1, braces.length() - 1);
        Matcher m = LABEL.matcher(inner);
        int at = 0;
        while (at < inner.length()) {
            check(m.find(at) && m.start() == at, n, "bad label at " + at + " in " + braces);
            check(labels.put(m.group(1), unescape(m.group(2))) == null, n, "label twice: " + m.group(1));
            at = m.end();
            if (at < inner.length()) {
                check(inner.charAt(at) == ',', n, "labels not separated by a comma: " + braces);
                at++;
            }
        }
        return labels;
    }

    private static String unescape(String value) {
        StringBuilder s = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                c = value.charAt(++i);
                s.append(c == 'n' ? '\n' : c);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static double number(String text, int n) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                check(text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?"), n, "not a float: " + text);
                return Double.parseDouble(text);
        }
    }

    private static void check(boolean ok, int line, String message) {
        if (!ok) {
            throw new IllegalArgumentException((line > 0 ? "line " + line + ": " : "") + message);
        }
    }
}
