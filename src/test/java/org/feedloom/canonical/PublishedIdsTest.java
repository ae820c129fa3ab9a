package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Origin;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PublishedIds} keeps one entry per id: its record while it has one alias key, its keys and first
 * publication once it has several. Random records, adoptions and replacements (as instances sharing a store make
 * them) and forgotten keys go to it and to the plain model of the rule (an alias key keeps its first record; an id's first publication
 * is its earliest record's, and stays when a replacement takes one of its keys away while others are left); after
 * every step both must answer alike for every key and id. Run with alias keys and ids named apart, and with one set of
 * names for both, so that an id is recorded under its own key as well as others (it keeps no entry of its own then).
 */
class PublishedIdsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int KEYS = 12;
    private static final int IDS = 5;

    /** The rule, in plain maps. */
    private static final class Model {
        final Map<String, PublishedId> byAliasKey = new HashMap<>();
        final Map<String, Instant> first = new HashMap<>();
        final Map<String, Set<String>> keys = new HashMap<>();

        void add(PublishedId r) {
            if (byAliasKey.putIfAbsent(r.aliasKey(), r) == null) {
                first.merge(r.idKey(), r.publishedAt(), (a, b) -> a.isBefore(b) ? a : b);
                keys.computeIfAbsent(r.idKey(), k -> new HashSet<>()).add(r.aliasKey());
            }
        }

        void replace(PublishedId r) {
            forget(r.aliasKey());
            add(r);
        }

        void forget(String aliasKey) {
            PublishedId old = byAliasKey.remove(aliasKey);
            if (old != null) {
                Set<String> left = keys.get(old.idKey());
                left.remove(aliasKey);
                if (left.isEmpty()) {
                    keys.remove(old.idKey());
                    first.remove(old.idKey());
                }
            }
        }
    }

    private static PublishedId record(Random r, String keyName, String idName) {
        return new PublishedId(keyName + r.nextInt(KEYS), idName + r.nextInt(IDS), T0.plusSeconds(r.nextInt(1_000)));
    }

    private static Article article(String idKey, List<String> aliasKeys) {
        return new Article(idKey, "https://" + idKey, aliasKeys, List.of("https://" + idKey), "t", null, null, T0, T0,
                null, List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of("source:s"), Origin.FEED,
                SeedFacts.NONE);
    }

    @ParameterizedTest(name = "alias keys {0}N, ids {1}N")
    @CsvSource({"k, id", "x, x"})
    void randomRecordsAdoptionsAndReplacements_answerAsTheRule(String keyName, String idName) {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            PublishedIds ids = new PublishedIds();
            Model model = new Model();
            for (int step = 0; step < 40; step++) {
                switch (r.nextInt(4)) {
                    case 0 -> {
                        String id = idName + r.nextInt(IDS);
                        List<String> keys = List.of(keyName + r.nextInt(KEYS), keyName + r.nextInt(KEYS)).stream()
                                .distinct().sorted().toList();
                        Instant now = T0.plusSeconds(r.nextInt(1_000));
                        List<PublishedId> added = ids.record(List.of(article(id, keys)), now);
                        List<PublishedId> expected = new ArrayList<>();
                        for (String k : keys) {
                            if (!model.byAliasKey.containsKey(k)) {
                                PublishedId p = new PublishedId(k, id, now);
                                model.add(p);
                                expected.add(p);
                            }
                        }
                        assertEquals(expected, added, "seed " + seed + " step " + step);
                    }
                    case 1 -> {
                        List<PublishedId> adopted = List.of(record(r, keyName, idName), record(r, keyName, idName));
                        ids.adopt(adopted);
                        adopted.forEach(model::add);
                    }
                    case 2 -> {
                        PublishedId p = record(r, keyName, idName);
                        ids.replace(List.of(p));
                        model.replace(p);
                    }
                    default -> { // the store forgot an alias key no article held for long
                        String k = keyName + r.nextInt(KEYS);
                        ids.forget(List.of(k));
                        model.forget(k);
                    }
                }
                for (int k = 0; k < KEYS; k++) {
                    assertEquals(model.byAliasKey.get(keyName + k), ids.of(keyName + k),
                            "seed " + seed + " step " + step);
                }
                for (int i = 0; i < IDS; i++) {
                    String id = idName + i;
                    assertEquals(model.keys.getOrDefault(id, Set.of()), ids.aliasKeysOf(id),
                            "seed " + seed + " step " + step + " " + id);
                    assertEquals(model.first.get(id), ids.firstPublished(id), "seed " + seed + " step " + step);
                }
                assertEquals(model.byAliasKey.size(), ids.size());
                assertEquals(model.byAliasKey.keySet(), Set.copyOf(ids.aliasKeys()));
            }
        }
    }
}
