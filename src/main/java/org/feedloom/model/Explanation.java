package org.feedloom.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why an article is the one entry it is, for its page: the URLs it was seen under, the copies folded into it with the
 * evidence of each fold, the articles linked to it as coverage of one story with the names and figures both report,
 * and its other related links (a seed's, a feed's). Only evidence that holds for the article as published is kept:
 * a fold whose copy is one of the article's URLs and one of its related links, a coverage link from one of its URLs to
 * one of its related links (turned so that {@link StoryLink#url} is the article's side).
 *
 * @param article  the article as published
 * @param folds    the copies folded into it, the most alike first
 * @param coverage its coverage links, the strongest first; {@code otherUrl} is the other article's
 */
public record Explanation(Article article, List<Fold> folds, List<StoryLink> coverage) {
    public Explanation {
        Checks.notNull(article, "article");
        folds = List.copyOf(folds);
        coverage = List.copyOf(coverage);
    }

    /** What of {@code evidence} holds for {@code article}. */
    public static Explanation of(Article article, Evidence evidence) {
        Set<String> urls = new HashSet<>(article.aliases());
        Set<String> related = new HashSet<>();
        article.related().forEach(l -> related.add(l.url()));
        Map<String, Fold> folds = new LinkedHashMap<>();
        for (Fold f : evidence.folds()) {
            if (urls.contains(f.copyUrl()) && related.contains(f.copyUrl())) {
                folds.putIfAbsent(f.copyUrl(), f);
            }
        }
        Map<String, StoryLink> coverage = new LinkedHashMap<>();
        for (StoryLink link : evidence.storyLinks()) {
            StoryLink turned = urls.contains(link.url()) ? link
                    : new StoryLink(link.otherUrl(), link.url(), null, link.terms());
            if (urls.contains(turned.url()) && related.contains(turned.otherUrl())) {
                coverage.putIfAbsent(turned.otherUrl(), turned);
            }
        }
        List<Fold> foldList = new ArrayList<>(folds.values());
        foldList.sort(Comparator.comparingDouble(Fold::containment).reversed().thenComparing(Fold::copyUrl));
        List<StoryLink> coverageList = new ArrayList<>(coverage.values());
        coverageList.sort(Comparator.comparingInt(StoryLink::score).reversed().thenComparing(StoryLink::otherUrl));
        return new Explanation(article, foldList, coverageList);
    }

    /** The article's related link to {@code url} (for its title), or a link without a title. */
    public Link relatedLink(String url) {
        for (Link l : article.related()) {
            if (l.url().equals(url)) {
                return l;
            }
        }
        return new Link(url, null);
    }

    /** The article's related links that are neither a folded copy nor coverage: a seed's or a feed's own. */
    public List<Link> otherRelated() {
        Set<String> explained = new HashSet<>();
        folds.forEach(f -> explained.add(f.copyUrl()));
        coverage.forEach(c -> explained.add(c.otherUrl()));
        return article.related().stream().filter(l -> !explained.contains(l.url())).toList();
    }
}
