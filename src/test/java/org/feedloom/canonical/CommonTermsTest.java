package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.feedloom.model.Article;
import org.feedloom.model.Link;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a name many articles carry around a day (a head of state, a big company) is no evidence that two of them
 * report one story. {@link Coverage} counts, per term, the articles naming it within the window of each day, and
 * links again the articles whose terms cross {@link RelatedRule#COMMON}; so its links stay what judging each pair on
 * the articles present gives, in whatever order they came and went.
 */
class CommonTermsTest {
    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    /** Article {@code n} on its own outlet, naming the White House and the president, and a figure of its own. */
    private static Article namingTheSame(int n, Instant published) {
        return CoverageTest.article("https://outlet" + n + ".example/news/" + n, "Outlet " + n, published,
                "Statement " + n, null, "<p>The White House said President Ada Marlow would speak. About "
                        + (100 + n) + " people came.</p>");
    }

    private static int linksOf(Coverage coverage, Article article) {
        return coverage.linksOf(article.key()).size();
    }

    @Test
    void twoNamesEveryArticleCarries_stopLinkingThemOnceTwentyArticlesNameThem_andLinkThemAgainBelow() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        List<Article> articles = new ArrayList<>();
        for (int n = 0; n < RelatedRule.COMMON - 1; n++) {
            articles.add(namingTheSame(n, T0.plusSeconds(60L * n)));
            coverage.put(articles.get(n));
        }
        assertEquals(RelatedRule.COMMON - 2, linksOf(coverage, articles.get(0)), "nineteen articles: all linked");

        Article twentieth = namingTheSame(99, T0.plusSeconds(3_600));
        java.util.Set<String> changed = coverage.put(twentieth);
        assertEquals(0, coverage.linked(), "twenty: the names are common, and no evidence");
        assertEquals(RelatedRule.COMMON - 1, changed.size(), "every article that lost its links is told");

        changed = coverage.remove(articles.get(5).key());
        assertEquals(RelatedRule.COMMON - 1, coverage.linked(), "nineteen again: linked again");
        assertTrue(changed.contains(twentieth.key()), "and told: " + changed);
        assertEquals(RelatedRule.COMMON - 2, linksOf(coverage, twentieth));
    }

    @Test
    void articlesDaysApart_countOnlyTheArticlesWithinTheirWindow() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        for (int n = 0; n < RelatedRule.COMMON; n++) { // twenty articles naming them, on 1 May
            coverage.put(namingTheSame(n, T0.minus(Duration.ofDays(3)).plusSeconds(60L * n)));
        }
        Article a = namingTheSame(200, T0.plus(Duration.ofDays(5)));
        Article b = namingTheSame(201, T0.plus(Duration.ofDays(5)).plusSeconds(600));
        coverage.put(a);
        coverage.put(b);
        assertEquals(List.of(b.url()), coverage.linksOf(a.key()).stream().map(Link::url).toList(),
                "eight days later, the names are distinctive again");
    }

    @Test
    void anyOrderOfPutsAndRemovals_givesTheLinksOfTheFinalArticlesPutAtOnce() {
        List<Article> pool = new ArrayList<>();
        for (int n = 0; n < 60; n++) { // over twelve days, so that the names are common around some days only
            pool.add(namingTheSame(n, T0.plus(Duration.ofHours(5L * n))));
        }
        Random random = new Random(15);
        for (int round = 0; round < 40; round++) {
            Coverage incremental = new Coverage(RelatedRule.DEFAULT);
            Map<String, Article> present = new HashMap<>();
            for (int step = 0; step < 150; step++) {
                Article article = pool.get(random.nextInt(pool.size()));
                if (present.containsKey(article.key()) && random.nextInt(3) == 0) {
                    incremental.remove(article.key());
                    present.remove(article.key());
                } else {
                    incremental.put(article);
                    present.put(article.key(), article);
                }
            }
            List<Article> shuffled = new ArrayList<>(present.values());
            Collections.shuffle(shuffled, random);
            Coverage atOnce = new Coverage(RelatedRule.DEFAULT);
            shuffled.forEach(atOnce::put);
            for (Article article : pool) {
                assertEquals(atOnce.linksOf(article.key()), incremental.linksOf(article.key()),
                        "round " + round + ", " + article.url());
                assertEquals(atOnce.evidenceOf(article.key()), incremental.evidenceOf(article.key()));
            }
        }
    }
}
