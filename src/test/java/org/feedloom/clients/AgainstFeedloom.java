package org.feedloom.clients;

import java.nio.file.Path;
import java.util.List;
import org.feedloom.app.RunningFeedloom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every real-client test starts from: Feedloom serving the repository's seeds on a free loopback port, with
 * {@value #PAGE_SIZE} entries a page so that paged feeds have several pages, and the entries each feed must have.
 * JUnit runs this class's {@code @BeforeAll} before a subclass's own.
 */
abstract class AgainstFeedloom {
    static final int PAGE_SIZE = 5;
    @TempDir
    static Path dir;
    static RunningFeedloom feedloom;
    static List<Expected> expected;

    @BeforeAll
    static void startFeedloom() throws Exception {
        feedloom = RunningFeedloom.start(dir, PAGE_SIZE);
        expected = Expected.of(feedloom.catalog(), PAGE_SIZE, feedloom.baseUrl());
    }

    @AfterAll
    static void stopFeedloom() {
        feedloom.close();
    }
}
