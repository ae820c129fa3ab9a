package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.feedloom.canonical.FoldRule;
import org.feedloom.config.FeedloomConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the {@code folding:} section's defaults are the fold rule's. The config package cannot name the rule
 * (it depends on the model only), so the two are written twice; this keeps them one rule.
 */
class FoldSettingsTest {

    @Test
    void theConfigurationsDefaultFolding_isTheFoldRulesDefault() {
        assertEquals(FoldRule.DEFAULT, Pipeline.foldRule(FeedloomConfig.defaults()));
    }
}
