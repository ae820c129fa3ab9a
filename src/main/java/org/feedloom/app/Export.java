package org.feedloom.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;

/**
 * The {@code export} command: builds the catalog and writes the static site ({@code feeds/<slug>.xml},
 * {@code feeds/index.opml}, {@code index.html}) to the output folder.
 */
final class Export {
    private Export() {}

    static int run(Options options, PrintStream out, PrintStream err) {
        ConfigResult loaded = ConfigLoader.load(options.config());
        if (!loaded.ok()) {
            loaded.problems().forEach(err::println);
            return Main.INVALID;
        }
        FeedloomConfig config = loaded.config();
        Aggregator aggregator = new Aggregator(Clock.systemUTC());
        aggregator.setTopicRules(config.topics());
        SeedResult seeds = SeedLoader.load(options.seeds());
        seeds.problems().forEach(err::println);
        aggregator.setSeeds(seeds.items());
        Catalog catalog = aggregator.rebuild();
        String base = config.site().baseUrl() != null ? config.site().baseUrl() : "./";
        Publisher publisher = new Publisher(Server.siteInfo(config), new FeedCache(1_000));
        try {
            Path feeds = Files.createDirectories(options.out().resolve("feeds"));
            for (Topic topic : catalog.topics()) {
                Files.write(feeds.resolve(topic.slug() + ".xml"),
                        publisher.atom(catalog, topic.slug(), base).orElseThrow().body());
            }
            Files.write(feeds.resolve("index.opml"), publisher.opml(catalog, base).body());
            Files.write(options.out().resolve("index.html"), publisher.indexPage(catalog, base).body());
        } catch (IOException e) {
            err.println("export: cannot write to " + options.out() + ": " + e.getMessage());
            return Main.FAILURE;
        }
        out.println("exported " + catalog.all().size() + " articles in " + catalog.topics().size()
                + " topics to " + options.out());
        return Main.OK;
    }
}
