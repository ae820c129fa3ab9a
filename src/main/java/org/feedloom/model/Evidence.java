package org.feedloom.model;

import java.util.List;

/**
 * What the store recorded about some articles' links: the copies folded (each {@link Fold} names the article it was
 * folded into and the copy) and the pairs linked as coverage of one story. A record may be older than the article as
 * published now (a fold undone later keeps its row until it is judged again); {@link Explanation} keeps what holds.
 *
 * @param folds      folds whose article or copy is one of the links asked about
 * @param storyLinks coverage links one side of which is one of the links asked about
 */
public record Evidence(List<Fold> folds, List<StoryLink> storyLinks) {
    public static final Evidence NONE = new Evidence(List.of(), List.of());

    public Evidence {
        folds = List.copyOf(folds);
        storyLinks = List.copyOf(storyLinks);
    }
}
