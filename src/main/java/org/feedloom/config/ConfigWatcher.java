package org.feedloom.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.feedloom.model.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config folder and reloads it when a config file is created, changed or deleted: a valid result is
 * handed to the listener; an invalid one is logged, one {@code file:line: message} line per problem, and the
 * last good configuration stays in force. Polls names, modification times and checksums every 500 ms (robust on
 * every file system and editor save pattern) and waits until a change has settled. Thread-safe.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final long POLL_MILLIS = 500;

    private final Path dir;
    private final Consumer<FeedloomConfig> onChange;
    private final ScheduledExecutorService timer;
    private List<String> lastSeen;
    private List<String> pending;
    private final AtomicLong refused = new AtomicLong();

    public ConfigWatcher(Path dir, Consumer<FeedloomConfig> onChange) {
        this.dir = dir;
        this.onChange = onChange;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feedloom-config-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching for changes from {@code seen}, what the folder held when the running configuration was read
     * (a change made since is reloaded at the first poll).
     */
    public void startFrom(Seen seen) {
        watchFrom(seen);
        timer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Takes {@code seen} as what the folder held, without polling: tests then call {@link #poll()} themselves. */
    synchronized void watchFrom(Seen seen) {
        lastSeen = seen.entries();
        pending = null;
    }

    /** What a config folder holds: each file's name, modification time and checksum. */
    public record Seen(List<String> entries) {
        public Seen {
            entries = List.copyOf(entries);
        }
    }

    /** What {@code dir} holds now; taken before its configuration is read, it makes no change go unnoticed. */
    public static Seen seen(Path dir) {
        return new Seen(snapshot(dir));
    }

    /**
     * One look at the folder: a change is applied once two polls in a row have seen it (so a file being written is
     * not read half-way). Runs every {@value #POLL_MILLIS} ms once started.
     */
    synchronized void poll() {
        try {
            List<String> now = snapshot(dir);
            if (now.equals(lastSeen)) {
                pending = null;
                return;
            }
            if (!now.equals(pending)) {
                pending = now; // changed since the last poll: wait one more poll for it to settle
                return;
            }
            lastSeen = now;
            pending = null;
            reload();
        } catch (RuntimeException | Error e) {
            Faults.rethrowIfOfTheJvm(e);
            LOG.error("config: watcher failed: {}", e.toString());
        }
    }

    /**
     * How many settled changes were refused as invalid since this watcher was made (the last good configuration
     * stayed in force each time): for monitoring, and for tests that wait until an edit has been judged.
     */
    public long refusedChanges() {
        return refused.get();
    }

    private void reload() {
        ConfigResult result = ConfigLoader.load(dir);
        if (!result.ok()) {
            refused.incrementAndGet();
            result.problems().forEach(p -> LOG.warn("{}", p));
            LOG.warn("config: change in {} not applied ({} problems); the last good configuration stays in force",
                    dir, result.problems().size());
            return;
        }
        onChange.accept(result.config());
    }

    /** Name, modification time and checksum of every config file. */
    private static List<String> snapshot(Path dir) {
        List<String> entries = new ArrayList<>();
        for (Path file : ConfigLoader.files(dir, new ArrayList<>())) {
            try {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(Files.readAllBytes(file));
                entries.add(file.getFileName() + "\t" + Files.getLastModifiedTime(file).toMillis() + "\t" + crc.getValue());
            } catch (IOException e) {
                entries.add(file.getFileName() + "\tunreadable");
            }
        }
        return entries;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
