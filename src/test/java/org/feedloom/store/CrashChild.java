package org.feedloom.store;

import java.nio.file.Path;
import java.util.List;
import org.feedloom.model.Item;

/**
 * Run by {@link KillIT} in a child JVM: commits {@code n} fetches to the store at {@code args[0]}, prints
 * {@code committed n}, and waits (never closing the store) until it is killed or its stdin closes.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        for (int i = 1; i <= n; i++) {
            Item item = i == 1 ? Fixtures.fullItem("https://example.com/" + i)
                    : Fixtures.item("https://example.com/" + i, Fixtures.day(i));
            Fixtures.commitFetch(store, Fixtures.state("s", i), List.of(item), Fixtures.KEEP_ALL, Fixtures.day(i));
        }
        store.saveFirstSeen(java.util.Map.of("example.com/1", Fixtures.T0));
        System.out.println("committed " + n);
        System.out.flush();
        System.in.read();
        System.exit(3);
    }
}
