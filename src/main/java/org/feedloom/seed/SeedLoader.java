package org.feedloom.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedloom.html.HtmlSanitizer;
import org.feedloom.model.Body;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Problem;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.yaml.Utf8Text;
import org.feedloom.yaml.YamlMapping;
import org.feedloom.yaml.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads seed documents: every {@code *.txt}, {@code *.md}, {@code *.yaml} and {@code *.yml} file directly in
 * the seeds folder, in name order. Each is YAML front matter between {@code ---} lines with an optional body
 * (the article's content, HTML, sanitised like a feed's content; an excerpt with markup is sanitised too). A file that cannot be used (unreadable, bad YAML, no title, no URL, bad date) is
 * reported as a {@code file:line} problem and skipped; a related mention with such a problem is reported and
 * skipped alone. Unknown fields are ignored; the {@code secured} field is never read.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeedLoader {
    private static final List<String> EXTENSIONS = List.of(".txt", ".md", ".yaml", ".yml");
    private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z!/?]");

    private SeedLoader() {}

    /** Loads every seed file in {@code dir}; a missing folder is one problem, not an exception. */
    public static SeedResult load(Path dir) {
        List<Problem> problems = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(SeedLoader::isSeedFile).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), 0, "seed: cannot read the seeds folder: " + why(e)
                    + " (--seeds DIR gives another)"));
            return new SeedResult(items, problems, List.of());
        }
        for (Path file : files) {
            loadFile(file, problems).ifPresent(items::add);
        }
        return new SeedResult(items, problems, files.stream().map(f -> f.getFileName().toString()).toList());
    }

    static boolean isSeedFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(path) && !name.startsWith(".")
                && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** What went wrong with the seeds folder, in words. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "there is no such folder";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "it is a file, not a folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }

    /** Parses one seed file; problems are added to {@code problems}. */
    static java.util.Optional<Item> loadFile(Path file, List<Problem> problems) {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(new Problem(name, 0, "seed: file larger than 4 MiB, skipped"));
                return java.util.Optional.empty();
            }
            text = Utf8Text.decode(Files.readAllBytes(file));
        } catch (Utf8Text.NotUtf8 e) {
            problems.add(new Problem(name, e.line(), "seed: " + e.getMessage() + "; skipped"));
            return java.util.Optional.empty();
        } catch (IOException e) {
            problems.add(new Problem(name, 0, "seed: cannot read (" + e.getMessage() + "), skipped"));
            return java.util.Optional.empty();
        }
        return parse(name, file.getFileName().toString(), text, problems);
    }

    static java.util.Optional<Item> parse(String file, String fileName, String text, List<Problem> problems) {
        SeedDocument doc = SeedDocument.split(text);
        List<Problem> own = new ArrayList<>();
        YamlNodes yaml = new YamlNodes(file, doc.yamlLine(), own);
        Node root;
        try {
            root = yaml.compose(new java.io.StringReader(doc.yaml()), 50, MAX_FILE_BYTES);
        } catch (YamlNodes.InvalidYaml e) {
            problems.add(new Problem(file, e.line(), e.getMessage() + ", file skipped"));
            return java.util.Optional.empty();
        }
        if (!(root instanceof MappingNode)) {
            problems.addAll(own);
            problems.add(new Problem(file, doc.yamlLine(), "seed: expected a mapping of article fields, file skipped"));
            return java.util.Optional.empty();
        }
        YamlMapping fields = yaml.mapping(root, "the file");
        Item item = article(fields, Origin.SEED, "seed:" + fileName, doc.body());
        problems.addAll(own);
        if (item == null) {
            problems.add(new Problem(file, fields.line(), "seed: file skipped"));
        }
        return java.util.Optional.ofNullable(item);
    }

    /** One article record (a seed's own, or a related mention); null when it lacks a title or URL or date. */
    private static Item article(YamlMapping f, Origin origin, String provenance, String body) {
        String title = f.text("title");
        if (title == null) {
            f.problem("seed: missing 'title'");
        }
        Map<String, String> urlsByKey = urls(f);
        List<String> urls = urlsByKey.values().stream().distinct().toList();
        if (urls.isEmpty()) {
            f.problem("seed: no URL (one of webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl is required)");
        }
        String publishedText = f.text("publishedDateTime");
        String updatedText = f.text("updatedDateTime");
        Instant published = date(f, "publishedDateTime", publishedText);
        Instant updated = date(f, "updatedDateTime", updatedText);
        boolean badDate = (published == null && publishedText != null) || (updated == null && updatedText != null);
        boolean fatal = title == null || urls.isEmpty() || badDate;
        List<Item> related = new ArrayList<>();
        if (origin == Origin.SEED) {
            for (YamlMapping r : f.mappings("related")) {
                Item mention = article(r, Origin.RELATED, provenance, null);
                if (mention == null) {
                    r.problem("seed: related article skipped");
                } else {
                    related.add(mention);
                }
            }
        }
        if (fatal) {
            return null;
        }
        SeedFacts facts = new SeedFacts(f.text("category"), f.text("type"), integer(f, "quality"),
                integer(f, "heat"), f.bool("published"));
        String base = urls.get(0);
        return new Item(origin, provenance, urls, title, Body.of(excerpt(f.text("excerpt"), base)),
                Body.of(HtmlSanitizer.sanitize(body, base)), published, updated,
                provider(f), f.strings("topics"), List.of(), images(f, "images"), related, null, null, facts,
                urlsByKey.get("webUrl"), urlsByKey.get("originalUrl"));
    }

    /**
     * A seed excerpt is plain text; one with markup in it (anything that starts a tag, closed or not) is taken
     * as HTML and sanitised like a feed's summary, so no excerpt republished as HTML can carry script.
     */
    static String excerpt(String excerpt, String base) {
        return excerpt != null && MARKUP.matcher(excerpt).find() ? HtmlSanitizer.sanitize(excerpt, base) : excerpt;
    }

    /** The record's usable URLs by key, most preferred first: webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl. */
    private static Map<String, String> urls(YamlMapping f) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String key : List.of("webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl")) {
            String url = f.text(key);
            if (url == null) {
                continue;
            }
            if (isHttpUrl(url)) {
                urls.put(key, url);
            } else {
                f.problem(key, "seed: '" + key + "' is not an absolute http(s) URL: '" + url + "'");
            }
        }
        return urls;
    }

    static boolean isHttpUrl(String url) {
        return YamlNodes.urlProblem(url) == null;
    }

    /** Whole numbers of any size an {@code int} holds. */
    private static Integer integer(YamlMapping f, String key) {
        return f.integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static Instant date(YamlMapping f, String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return value.length() <= 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                f.problem(key, "seed: '" + key + "' is not a date: '" + value
                        + "' (expected ISO 8601, e.g. 2022-07-07T22:10:00Z)");
                return null;
            }
        }
    }

    private static Provider provider(YamlMapping f) {
        YamlMapping p = f.mapping("provider");
        if (p == null) {
            return null;
        }
        String name = p.text("name");
        String domain = p.text("domain");
        if (name == null && domain == null) {
            p.problem("seed: provider needs a name or a domain, ignored");
            return null;
        }
        return new Provider(name, domain, images(p, "images"));
    }

    private static List<Image> images(YamlMapping f, String key) {
        List<Image> images = new ArrayList<>();
        for (YamlMapping img : f.mappings(key)) {
            String url = img.text("url");
            if (url == null || !isHttpUrl(url)) {
                img.problem("url", "seed: image needs an absolute http(s) 'url', ignored");
                continue;
            }
            Boolean cached = img.bool("isCached");
            images.add(new Image(url, integer(img, "width"), integer(img, "height"), Boolean.TRUE.equals(cached)));
        }
        return images;
    }

}
