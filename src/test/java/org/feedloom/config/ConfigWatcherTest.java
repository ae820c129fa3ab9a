package org.feedloom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's rules are tested by polling it by hand; one test checks that a started watcher polls by itself. */
class ConfigWatcherTest {

    /** Polls until a change settles (two polls), as the timer would. */
    private static void settle(ConfigWatcher watcher) {
        watcher.poll();
        watcher.poll();
    }

    @Test
    void validChanges_areHandedOver_invalidOnesAreNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: One}\n");
        List<FeedloomConfig> changes = new CopyOnWriteArrayList<>();
        try (ConfigWatcher watcher = new ConfigWatcher(dir, changes::add)) {
            watcher.watchFrom(ConfigWatcher.seen(dir));
            settle(watcher);
            assertEquals(List.of(), changes, "nothing changed");

            Files.writeString(dir.resolve("extra.yaml"), "sources:\n  - url: http://127.0.0.1:1/feed.xml\n");
            watcher.poll();
            assertEquals(List.of(), changes, "a change is applied once it has settled, not at the first poll");
            watcher.poll();
            assertEquals(1, changes.size(), "a new file is picked up");
            assertEquals(1, changes.get(0).sources().size());

            Files.writeString(dir.resolve("extra.yaml"), "sources:\n  - url: not a url\n");
            settle(watcher);
            settle(watcher);
            assertEquals(1, changes.size(), "an invalid change is not applied");
            assertEquals(1, watcher.refusedChanges(), "it is refused once, however often the folder is polled");

            Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Two}\n");
            Files.writeString(dir.resolve("extra.yaml"), "sources:\n  - url: http://127.0.0.1:1/other.xml\n");
            settle(watcher);
            assertEquals(2, changes.size(), "fixing the file applies it");
            assertEquals("Two", changes.get(1).site().title());
            assertEquals("http://127.0.0.1:1/other.xml", changes.get(1).sources().get(0).url());

            Files.delete(dir.resolve("extra.yaml"));
            settle(watcher);
            assertEquals(3, changes.size(), "deleting a file is a change");
            assertEquals(0, changes.get(2).sources().size());
        }
    }

    @Test
    void startFrom_reloadsAChangeMadeAfterTheConfigurationWasRead_beforeWatching(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Read}\n");
        ConfigWatcher.Seen seen = ConfigWatcher.seen(dir);
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Edited meanwhile}\n");
        List<FeedloomConfig> changes = new CopyOnWriteArrayList<>();
        try (ConfigWatcher watcher = new ConfigWatcher(dir, changes::add)) {
            watcher.watchFrom(seen);
            settle(watcher);
            assertEquals(1, changes.size(), "the edit made before watching is not lost");
            assertEquals("Edited meanwhile", changes.get(0).site().title());
        }
    }

    @Test
    void aStartedWatcher_pollsByItself(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: One}\n");
        BlockingQueue<FeedloomConfig> changes = new LinkedBlockingQueue<>();
        try (ConfigWatcher watcher = new ConfigWatcher(dir, changes::add)) {
            watcher.startFrom(ConfigWatcher.seen(dir));
            Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Two}\n");
            FeedloomConfig changed = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(changed, "picked up within 10 s");
            assertTrue(changed.site().title().equals("Two"));
        }
    }

    /** A fault of the code in what applies a change (here an assertion) is logged, and the watcher goes on. */
    @Test
    void aStartedWatcher_goesOnAfterAFaultInApplyingAChange(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: One}\n");
        BlockingQueue<FeedloomConfig> changes = new LinkedBlockingQueue<>();
        try (ConfigWatcher watcher = new ConfigWatcher(dir, config -> {
            if (config.site().title().equals("Two")) {
                throw new AssertionError("a broken invariant");
            }
            changes.add(config);
        })) {
            watcher.startFrom(ConfigWatcher.seen(dir));
            Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Two}\n");
            Thread.sleep(1_500); // three polls: the change settled and failed
            Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Three}\n");
            FeedloomConfig changed = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(changed, "the next change is picked up within 10 s");
            assertEquals("Three", changed.site().title());
        }
    }
}
