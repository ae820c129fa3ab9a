package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.StoryLink;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a coverage that lets go of its older days after each sync and reads them again from an archive when a
 * change needs them judges every change as one that holds every day: the same articles told their links changed, the
 * same links made with the same evidence, the same links in the end, whatever it kept in between.
 */
class CoverageLettingGoTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final int STORIES = 12;
    private static final int POOL = 150;

    /** What a store keeps of the articles put in: as of the last sync, read back by day; texts by key as now. */
    private static final class Store implements Coverage.Archive {
        final Map<String, Article> now = new HashMap<>();
        Map<String, Article> synced = Map.of();
        int daysRead;

        @Override
        public Map<String, Article> articles(Collection<String> keys) {
            Map<String, Article> out = new HashMap<>();
            keys.forEach(key -> out.put(key, now.get(key)));
            return out;
        }

        @Override
        public List<Article> publishedOn(long fromDay, long toDay) {
            daysRead += (int) (toDay - fromDay + 1);
            return synced.values().stream().filter(a -> {
                long day = Math.floorDiv(a.published().toEpochMilli(), 86_400_000L);
                return day >= fromDay && day <= toDay;
            }).map(CoverageLettingGoTest::copyOf).toList(); // read back: not the objects put in
        }

        @Override
        public Map<String, TextTerms> keptTerms(Collection<String> keys) {
            return Map.of(); // none kept: the texts are read
        }
    }

    /**
     * Version {@code v} of article {@code n}: story {@code n % STORIES}'s names and figure (half the stories also name
     * two names that then turn common around some days and distinctive around others), on one of a few hosts, within
     * thirty days of T0.
     */
    private static Article version(int n, int v, Random random) {
        int story = n % STORIES;
        String common = story < 6 ? " President Ada Marlow spoke at the White House." : "";
        Instant published = T0.plus(Duration.ofHours(random.nextInt(24 * 30)));
        return CoverageTest.article("https://host" + (n % 7) + ".example/news/" + n, "Outlet " + (n % 7), published,
                "Report " + n + " version " + v, null, "<p>Mayor Lena Story" + story + " met Judge Omar Case" + story
                        + " in Port Story" + story + "town. About " + (1_000 + story) + " people came." + common
                        + "</p>");
    }

    static Article copyOf(Article a) {
        return CoverageTest.article(a.url(), a.provider().name(), a.published(), a.title(), a.excerpt(), a.content());
    }

    @Test
    void lettingGoOfOldDays_changesNoJudgement() {
        for (int round = 0; round < 20; round++) {
            Random random = new Random(round);
            int keep = List.of(0, 1, 10, 40).get(round % 4);
            Store store = new Store();
            Coverage lettingGo = new Coverage(RelatedRule.DEFAULT, store);
            lettingGo.keepAtMost(keep);
            Coverage holding = new Coverage(RelatedRule.DEFAULT);
            Map<String, Article> present = new HashMap<>();
            Set<StoryLink> madeByHolding = new HashSet<>();
            Set<StoryLink> madeByLettingGo = new HashSet<>();
            for (int step = 0; step < 400; step++) {
                String where = "round " + round + " (keep " + keep + "), step " + step;
                int n = random.nextInt(POOL);
                Article article = version(n, random.nextInt(3), random);
                Article before = present.get(article.key());
                if (before != null) { // shown again or taken out: first out, as the showing does
                    assertEquals(holding.remove(before.key(), before.published()),
                            lettingGo.remove(before.key(), before.published()), where + ": out");
                    present.remove(before.key());
                    store.now.remove(before.key());
                }
                if (before == null || random.nextInt(4) > 0) {
                    present.put(article.key(), article);
                    store.now.put(article.key(), article);
                    assertEquals(holding.put(article), lettingGo.put(copyOf(article)), where + ": in");
                }
                if (random.nextInt(3) == 0) { // a sync: the store has what was shown, memory lets old days go
                    madeByHolding.addAll(holding.drainMade());
                    madeByLettingGo.addAll(lettingGo.drainMade());
                    assertEquals(madeByHolding, madeByLettingGo, where + ": links made");
                    store.synced = Map.copyOf(present);
                    lettingGo.letGo();
                    assertTrue(lettingGo.held() <= keep, where + ": " + lettingGo.held() + " held");
                }
            }
            for (int n = 0; n < POOL; n++) {
                String key = CanonicalUrl.keyOf("https://host" + (n % 7) + ".example/news/" + n);
                Article shown = present.get(key);
                if (shown != null) { // as a change needs it: with its days held
                    lettingGo.remove(key, shown.published());
                    lettingGo.put(copyOf(shown));
                    assertEquals(holding.linksOf(key), lettingGo.linksOf(key), "round " + round + ": " + key);
                }
            }
            assertTrue(store.daysRead > 0, "round " + round + ": days were read again");
            assertTrue(holding.linked() > 0, "round " + round + ": some articles are linked");
        }
    }

    @Test
    void aCoverageHoldingItsArticles_keepsThemAll() {
        Coverage holding = new Coverage(RelatedRule.DEFAULT);
        Random random = new Random(1);
        for (int n = 0; n < 40; n++) {
            holding.put(version(n, 0, random));
        }
        holding.letGo();
        assertEquals(40, holding.held());
    }
}
