package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 with a real feed reader: newsboat (Debian's newsboat) imports {@code /feeds/index.opml}, reloads
 * non-interactively ({@code -x reload}, twice) with its own config, cache and urls files, logs no error, and holds
 * the expected articles, each once.
 *
 * <p>Newsboat keys articles by their id across all its subscriptions, and an article Feedloom files under several
 * topics has one id everywhere (RFC 4287: an entry keeps its id wherever it is republished). So with every topic in
 * one newsboat, each article is there once, under one of its topics; each topic read on its own has all its articles.
 * Both are checked.
 */
class NewsboatIT extends AgainstFeedloom {



    /** A newsboat home: its config (errors logged to a file), cache and urls files. */
    record Home(Path dir) {
        Path config() {
            return dir.resolve("config");
        }

        Path cache() {
            return dir.resolve("cache.db");
        }

        Path urls() {
            return dir.resolve("urls");
        }

        Path errorLog() {
            return dir.resolve("error.log");
        }

        static Home create(String name) throws Exception {
            Home home = new Home(Files.createDirectories(NewsboatIT.dir.resolve(name)));
            Files.writeString(home.config(), "error-log \"" + home.errorLog() + "\"\nreload-threads 2\n");
            return home;
        }
    }

    static Clients.Run newsboat(Home home, String... args) throws Exception {
        Path newsboat = Clients.executable("newsboat", "newsboat");
        List<String> command = new ArrayList<>(List.of(newsboat.toString(), "-C", home.config().toString(),
                "-c", home.cache().toString(), "-u", home.urls().toString()));
        command.addAll(List.of(args));
        Clients.Run run = Clients.run(home.dir(), Duration.ofMinutes(2), Map.of("TERM", "dumb"),
                command.toArray(String[]::new));
        assertEquals(0, run.exit(), run.describe());
        return run;
    }

    /** Reloads every subscription and checks newsboat logged no error. */
    static void reload(Home home) throws Exception {
        newsboat(home, "-x", "reload");
        String errors = Files.exists(home.errorLog()) ? Files.readString(home.errorLog()) : "";
        assertEquals("", errors, "newsboat's error log");
    }

    /** What newsboat has stored: feed URL → title, and the (not deleted) items as [feedurl, guid, url]. */
    record Cache(Map<String, String> feeds, List<String[]> items) {
        List<String> guidsOf(String feedUrl) {
            return items.stream().filter(i -> i[0].equals(feedUrl)).map(i -> i[1]).toList();
        }
    }

    static Cache cache(Home home) throws Exception {
        Path python = Clients.pythonWith("sqlite3", "python3", dir);
        Path script = Path.of(NewsboatIT.class.getResource("/clients/newsboat_cache.py").toURI());
        Clients.Run run = Clients.run(home.dir(), Duration.ofMinutes(1), Map.of(), python.toString(), script.toString(),
                home.cache().toString());
        assertEquals(0, run.exit(), run.describe());
        Map<String, String> feeds = new LinkedHashMap<>();
        List<String[]> items = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("FEED")) {
                feeds.put(f[1], f[2]);
            } else if (f[0].equals("ITEM") && f[4].equals("0")) {
                items.add(new String[] {f[1], f[2], f[3]});
            }
        }
        return new Cache(feeds, items);
    }

    /** Imports the served OPML into a new newsboat home; checks it subscribed to exactly every topic's Atom feed. */
    static Home importOpml(String name) throws Exception {
        Home home = Home.create(name);
        HttpResponse<Path> opml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(feedloom.baseUrl() + "feeds/index.opml")).build(),
                HttpResponse.BodyHandlers.ofFile(home.dir().resolve("feeds.opml")));
        assertEquals(200, opml.statusCode());
        newsboat(home, "-i", opml.body().toString());
        List<String> urls = Files.readAllLines(home.urls()).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(expected.stream().map(Expected::atomUrl).toList(), urls, "subscriptions imported from the OPML");
        return home;
    }

    @Test
    void eachTopicFromTheOpml_readAlone_hasItsNewestArticlesEachOnce_onTwoReloads() throws Exception {
        Home imported = importOpml("import");
        for (String url : Files.readAllLines(imported.urls()).stream().filter(l -> !l.isBlank()).toList()) {
            Expected e = expected.stream().filter(x -> x.atomUrl().equals(url.strip())).findFirst().orElseThrow();
            Home home = Home.create("topic-" + e.slug());
            Files.writeString(home.urls(), e.atomUrl() + "\n");
            for (int reload = 1; reload <= 2; reload++) {
                reload(home);
                Cache cache = cache(home);
                assertEquals(Map.of(e.atomUrl(), "Feedloom — " + e.topic().name()), cache.feeds(), e.slug());
                List<String> guids = cache.guidsOf(e.atomUrl());
                assertEquals(e.pageIds(1).size(), guids.size(), e.slug() + ", reload " + reload + ": article count");
                assertEquals(Set.copyOf(e.pageIds(1)), new HashSet<>(guids), e.slug() + ", reload " + reload);
                assertEquals(cache.items().size(), guids.size(), e.slug() + ": nothing else");
            }
        }
    }

    @Test
    void everyTopicInOneNewsboat_everyArticleOnce_underATopicItBelongsTo_onTwoReloads() throws Exception {
        Home home = importOpml("all-topics");
        Set<String> union = new LinkedHashSet<>();
        expected.forEach(e -> union.addAll(e.pageIds(1)));
        for (int reload = 1; reload <= 2; reload++) {
            reload(home);
            Cache cache = cache(home);
            assertEquals(expected.stream().map(Expected::atomUrl).sorted().toList(),
                    cache.feeds().keySet().stream().sorted().toList(), "every subscription fetched");
            for (Expected e : expected) {
                assertEquals("Feedloom — " + e.topic().name(), cache.feeds().get(e.atomUrl()));
            }
            List<String> guids = cache.items().stream().map(i -> i[1]).toList();
            assertEquals(union.size(), guids.size(), "reload " + reload + ": articles");
            assertEquals(union, new HashSet<>(guids), "reload " + reload);
            for (String[] item : cache.items()) {
                Expected owner = expected.stream().filter(e -> e.atomUrl().equals(item[0])).findFirst().orElseThrow();
                assertTrue(owner.pageIds(1).contains(item[1]), item[1] + " filed under " + item[0]);
                assertFalse(item[2].isEmpty(), item[1] + " has its link");
            }
        }
    }
}
