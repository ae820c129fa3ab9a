package org.feedloom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

    @Test
    void validChanges_areHandedOver_invalidOnesAreNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: One}\n");
        BlockingQueue<FeedloomConfig> changes = new LinkedBlockingQueue<>();
        try (ConfigWatcher watcher = new ConfigWatcher(dir, changes::add)) {
            watcher.start();
            Thread.sleep(600); // let the watcher take its first snapshot

            Files.writeString(dir.resolve("extra.yaml"), "sources:\n  - url: http://127.0.0.1:1/feed.xml\n");
            FeedloomConfig added = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(added, "a new file is picked up");
            assertEquals(1, added.sources().size());

            Files.writeString(dir.resolve("extra.yaml"), "sources:\n  - url: not a url\n");
            assertNull(changes.poll(3, TimeUnit.SECONDS), "an invalid change is not applied");

            Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Two}\n");
            Files.writeString(dir.resolve("extra.yaml"), "sources:\n  - url: http://127.0.0.1:1/other.xml\n");
            FeedloomConfig fixed = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(fixed, "fixing the file applies it");
            assertEquals("Two", fixed.site().title());
            assertEquals("http://127.0.0.1:1/other.xml", fixed.sources().get(0).url());

            Files.delete(dir.resolve("extra.yaml"));
            FeedloomConfig removed = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(removed, "deleting a file is a change");
            assertEquals(0, removed.sources().size());
        }
    }
    @Test
    void startFrom_reloadsAChangeMadeAfterTheConfigurationWasRead_beforeWatching(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Read}\n");
        ConfigWatcher.Seen seen = ConfigWatcher.seen(dir);
        Files.writeString(dir.resolve("feedloom.yaml"), "site: {title: Edited meanwhile}\n");
        BlockingQueue<FeedloomConfig> changes = new LinkedBlockingQueue<>();
        try (ConfigWatcher watcher = new ConfigWatcher(dir, changes::add)) {
            watcher.startFrom(seen);
            FeedloomConfig edited = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(edited, "the edit made before watching is not lost");
            assertEquals("Edited meanwhile", edited.site().title());
        }
    }
}
