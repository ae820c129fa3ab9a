package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.config.FeedloomConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the {@code folding:} and {@code related:} sections' defaults are the fold and related rules'. The config
 * package cannot name the rules (it depends on the model only), so each is written twice; this keeps them one rule.
 */
class FoldSettingsTest {

    @Test
    void theConfigurationsDefaultFolding_isTheFoldRulesDefault() {
        assertEquals(FoldRule.DEFAULT, Pipeline.foldRule(FeedloomConfig.defaults()));
    }

    @Test
    void theConfigurationsDefaultRelatedCoverage_isTheRelatedRulesDefault() {
        assertEquals(RelatedRule.DEFAULT, Pipeline.relatedRule(FeedloomConfig.defaults()));
    }
}
