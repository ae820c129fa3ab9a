package org.feedloom.store;

import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.item;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.feedloom.model.Item;
import org.junit.jupiter.api.Test;

/**
 * What only the PostgreSQL store has: its URL, its password, and several processes on one database (two stores on
 * one schema stand for two instances; the contract is in the *OnPostgresTest classes).
 */
class PostgresStoreTest {

    @Test
    void target_keepsThePasswordOutOfItsNameAndPassesTheDriversParameters() {
        PostgresStore.Target t = PostgresStore.Target.parse("postgresql://feed%40user:p%40ss@db.example.org:6543/"
                + "feeds?sslmode=require");
        assertEquals("jdbc:postgresql://db.example.org:6543/feeds?sslmode=require", t.jdbcUrl());
        assertEquals("feed@user", t.user());
        assertEquals("p@ss", t.password());
        assertEquals("postgresql://feed@user@db.example.org:6543/feeds", t.name());
        assertFalse(t.toString().contains("p@ss"));
        assertEquals(null, PostgresStore.Target.parse("postgresql://db/feeds").user());
    }

    @Test
    void target_notAPostgresqlUrl_isAStoreExceptionWithoutTheUrl() {
        for (String bad : List.of("mysql://u:secret@db/feeds", "postgresql://u:secret@db/", "postgresql:///feeds",
                "postgresql://u:secret@db/a/b", "postgresql://u:secret@db:/x y")) {
            StoreException e = assertThrows(StoreException.class, () -> PostgresStore.Target.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("store: store.url: "), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void open_noServerAtTheUrl_failsAtOnce_namingTheDatabaseButNotThePassword() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "postgresql://feedloom:secret-pw@127.0.0.1:" + port + "/feedloom";
        StoreException e = assertThrows(StoreException.class, () -> PostgresStore.open(url, null, Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("store: cannot connect to postgresql://feedloom@127.0.0.1:" + port
                + "/feedloom: "), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());
    }

    @Test
    void password_theOneGiven_elseTheUrls_andAWrongOneIsRefusedWithoutBeingShown() throws Exception {
        String withPassword = PostgresServer.get().freshSchema();
        String without = withPassword.replace(":" + PostgresServer.PASSWORD + "@", "@");
        String wrong = withPassword.replace(":" + PostgresServer.PASSWORD + "@", ":wrong-url-pw@");
        PostgresStore.open(withPassword, null, Clock.systemUTC()).close();
        PostgresStore.open(withPassword, "", Clock.systemUTC()).close(); // an empty variable is no password
        PostgresStore.open(without, PostgresServer.PASSWORD, Clock.systemUTC()).close();
        PostgresStore.open(wrong, PostgresServer.PASSWORD, Clock.systemUTC()).close(); // the one given wins
        for (String url : List.of(wrong, without)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> PostgresStore.open(url, url == without ? "wrong-given-pw" : null, Clock.systemUTC()));
            assertTrue(e.getMessage().startsWith("store: cannot connect to postgresql://feedloom@127.0.0.1:"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-") || e.getMessage().contains(PostgresServer.PASSWORD),
                    e.getMessage());
        }
    }

    @Test
    void twoInstancesOnOneDatabase_commitTheSameSourcesAtOnce_oneAfterTheOther() throws Exception {
        String url = PostgresServer.get().freshSchema();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PostgresStore a = PostgresStore.open(url, null, Clock.systemUTC());
             PostgresStore b = PostgresStore.open(url, null, Clock.systemUTC())) {
            List<Future<?>> writers = new ArrayList<>();
            for (PostgresStore store : List.of(a, b, a, b)) {
                writers.add(pool.submit(() -> {
                    for (int n = 1; n <= 25; n++) {
                        // both instances write the same keys of the same sources: interleaved, they would collide
                        List<Item> items = List.of(item("https://s.example/" + n, T0.plusSeconds(n)),
                                item("https://s.example/" + (n + 1), T0.plusSeconds(n + 1)));
                        store.commitBatch(List.of(SourceWrite.fetched(state("s", n), items,
                                new ArticleStore.Retention(1000, 10), T0.plusSeconds(n)),
                                SourceWrite.fetched(state("t", n), items, Fixtures.KEEP_ALL, T0.plusSeconds(n))));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(2, TimeUnit.MINUTES);
            }
            ArticleStore.Snapshot seenByA = a.load();
            assertEquals(seenByA, b.load(), "one database");
            assertEquals(10, seenByA.sourceItems().get("s").size(), "the cap held over every commit");
            assertEquals(26, seenByA.sourceItems().get("t").size());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
    }
}
