package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Issue 14, item 7: the pages' policy allows exactly what the pages use: their one stylesheet, by its hash. */
class ContentSecurityPolicyTest {
    private static final SiteInfo SITE = new SiteInfo("Feedloom", "Feedloom", "test", 50);

    private static List<Document> pages() {
        String base = "http://127.0.0.1:8080/";
        return List.of(
                Jsoup.parse(new String(new HtmlPages(SITE).index(Catalog.empty(), base, slug -> 0), StandardCharsets.UTF_8)),
                Jsoup.parse(new String(new StatusPage(SITE).html(List.of(), 0, Removals.NONE, Instant.EPOCH, base),
                        StandardCharsets.UTF_8)));
    }

    @Test
    void policy_carriesTheHashOfTheStyleEveryPageHas() throws Exception {
        for (Document page : pages()) {
            assertEquals(1, page.select("style").size(), page.html());
            byte[] css = page.selectFirst("style").data().getBytes(StandardCharsets.UTF_8);
            String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(css));
            assertTrue(HtmlPages.CONTENT_SECURITY_POLICY.contains("style-src 'sha256-" + hash + "'"),
                    HtmlPages.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void pages_useNothingThePolicyForbids() {
        for (Document page : pages()) {
            assertTrue(page.select("script, [style], form, base, iframe, object, embed, link[rel=stylesheet]").isEmpty(),
                    page.html());
        }
    }

    @Test
    void styleHash_refusesATemplateItCannotHash() {
        for (String template : List.of("<head></head>", "<style>a{}</style><style>b{}</style>", "<style>{{x}}</style>")) {
            assertThrows(IllegalStateException.class, () -> HtmlPages.styleHash(template), template);
        }
        assertEquals("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", HtmlPages.styleHash("<style></style>"));
    }
}
