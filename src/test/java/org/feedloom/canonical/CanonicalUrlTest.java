package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalUrlTest {

    @ParameterizedTest(name = "{0}: same article")
    @CsvSource(delimiter = '|', textBlock = """
        http and https                 | http://example.com/a                        | https://example.com/a
        host case                      | https://EXAMPLE.com/a                       | https://example.com/a
        www prefix                     | https://www.example.com/a                   | https://example.com/a
        amp host prefix                | https://amp.example.com/a                   | https://example.com/a
        default https port             | https://example.com:443/a                   | https://example.com/a
        default http port              | http://example.com:80/a                     | https://example.com/a
        fragment                       | https://example.com/a#comments              | https://example.com/a
        trailing slash                 | https://example.com/a/                      | https://example.com/a
        root trailing slash            | https://example.com/                        | https://example.com
        amp last segment               | https://example.com/a/amp/                  | https://example.com/a
        amp last segment no slash      | https://example.com/a/amp                   | https://example.com/a
        amp flag parameter             | https://example.com/a/?amp                  | https://example.com/a
        amp=1 parameter                | https://example.com/a?amp=1                 | https://example.com/a
        outputType=amp                 | https://example.com/a?outputType=amp        | https://example.com/a
        amp cache https                | https://example-com.cdn.ampproject.org/c/s/example.com/a/amp/ | https://example.com/a
        amp cache http                 | https://example-com.cdn.ampproject.org/c/example.com/a      | https://example.com/a
        amp cache viewer               | https://example-com.cdn.ampproject.org/v/s/www.example.com/a?amp=1 | https://example.com/a
        utm parameters                 | https://example.com/a?utm_source=x&utm_medium=rss | https://example.com/a
        utm upper case name            | https://example.com/a?UTM_Campaign=x        | https://example.com/a
        mtm prefix                     | https://example.com/a?mtm_campaign=x        | https://example.com/a
        hsa prefix                     | https://example.com/a?hsa_acc=1             | https://example.com/a
        fbclid                         | https://example.com/a?fbclid=abc            | https://example.com/a
        gclid and id kept              | https://example.com/a?gclid=1&id=7          | https://example.com/a?id=7
        msclkid                        | https://example.com/a?msclkid=z             | https://example.com/a
        mailchimp                      | https://example.com/a?mc_cid=1&mc_eid=2     | https://example.com/a
        hubspot                        | https://example.com/a?_hsenc=1&_hsmi=2&__hstc=3 | https://example.com/a
        marketo                        | https://example.com/a?mkt_tok=abc           | https://example.com/a
        igshid                         | https://example.com/a?igshid=abc            | https://example.com/a
        xtor                           | https://example.com/a?xtor=RSS-1            | https://example.com/a
        ref own host                   | https://example.com/a?ref=example.com       | https://example.com/a
        ref own www host               | https://www.example.com/a?ref=www.example.com | https://example.com/a
        parameter order                | https://example.com/a?b=2&a=1               | https://example.com/a?a=1&b=2
        escape case                    | https://example.com/caf%c3%a9               | https://example.com/caf%C3%A9
        unreserved escape decoded      | https://example.com/%7Euser/%41             | https://example.com/~user/A
        raw non-ASCII escaped          | https://example.com/café                    | https://example.com/caf%C3%A9
        user info dropped              | https://user@example.com/a                  | https://example.com/a
        seed forbes amp                | https://www.forbes.com/sites/korihale/2022/07/05/microsoft-is-scrapping-some-bad-ai-facial-recognition-tools/amp/ | https://www.forbes.com/sites/korihale/2022/07/05/microsoft-is-scrapping-some-bad-ai-facial-recognition-tools/
        seed forbes amp cache          | https://www-forbes-com.cdn.ampproject.org/c/s/www.forbes.com/sites/korihale/2022/07/05/microsoft-is-scrapping-some-bad-ai-facial-recognition-tools/amp/ | https://www.forbes.com/sites/korihale/2022/07/05/microsoft-is-scrapping-some-bad-ai-facial-recognition-tools/
        seed forbes qbt amp            | https://www.forbes.com/sites/quickerbettertech/2022/06/24/on-crm-viva-adds-to-microsofts-organized-chaos-of-apps/amp/ | https://www.forbes.com/sites/quickerbettertech/2022/06/24/on-crm-viva-adds-to-microsofts-organized-chaos-of-apps/
        seed forbes qbt amp cache      | https://www-forbes-com.cdn.ampproject.org/c/s/www.forbes.com/sites/quickerbettertech/2022/06/24/on-crm-viva-adds-to-microsofts-organized-chaos-of-apps/amp/ | https://www.forbes.com/sites/quickerbettertech/2022/06/24/on-crm-viva-adds-to-microsofts-organized-chaos-of-apps/
        seed popsci ?amp               | https://www.popsci.com/technology/microsoft-removes-facial-recognition-tools/?amp | https://www.popsci.com/technology/microsoft-removes-facial-recognition-tools/
        seed popsci amp cache          | https://www-popsci-com.cdn.ampproject.org/c/s/www.popsci.com/technology/microsoft-removes-facial-recognition-tools/?amp | https://www.popsci.com/technology/microsoft-removes-facial-recognition-tools/
        seed exchangewire ?amp         | https://www.exchangewire.com/blog/2022/06/28/ads-for-discredited-cancer-treatments-served-on-meta-platforms-unchallenged-microsoft-steps-away-from-emotion-recognition-ai/?amp | https://www.exchangewire.com/blog/2022/06/28/ads-for-discredited-cancer-treatments-served-on-meta-platforms-unchallenged-microsoft-steps-away-from-emotion-recognition-ai/
        seed exchangewire amp cache    | https://www-exchangewire-com.cdn.ampproject.org/c/s/www.exchangewire.com/blog/2022/06/28/ads-for-discredited-cancer-treatments-served-on-meta-platforms-unchallenged-microsoft-steps-away-from-emotion-recognition-ai/?amp | https://www.exchangewire.com/blog/2022/06/28/ads-for-discredited-cancer-treatments-served-on-meta-platforms-unchallenged-microsoft-steps-away-from-emotion-recognition-ai/
        seed nbc amp and its cache     | https://www-nbcnews-com.cdn.ampproject.org/c/s/www.nbcnews.com/news/amp/rcna35087 | https://www.nbcnews.com/news/amp/rcna35087
        seed computerworld amp cache   | https://www-computerworld-com.cdn.ampproject.org/c/s/www.computerworld.com/article/3665109/microsoft-backs-off-facial-recognition-analysis-but-big-questions-remain.amp.html | https://www.computerworld.com/article/3665109/microsoft-backs-off-facial-recognition-analysis-but-big-questions-remain.amp.html
        seed conversation amp cache    | https://theconversation-com.cdn.ampproject.org/c/s/theconversation.com/amp/ai-is-increasingly-being-used-to-identify-emotions-heres-whats-at-stake-158809 | https://theconversation.com/amp/ai-is-increasingly-being-used-to-identify-emotions-heres-whats-at-stake-158809
        seed itbusinessedge www        | https://itbusinessedge.com/business-intelligence/microsoft-drops-emotion-recognition-facial-analysis/?utm_source=rss | https://www.itbusinessedge.com/business-intelligence/microsoft-drops-emotion-recognition-facial-analysis/
        """)
    void sameArticle(String name, String a, String b) {
        assertEquals(CanonicalUrl.keyOf(b), CanonicalUrl.keyOf(a));
    }

    @ParameterizedTest(name = "{0}: different articles")
    @CsvSource(delimiter = '|', textBlock = """
        different path                 | https://example.com/a                       | https://example.com/b
        path case matters              | https://example.com/A                       | https://example.com/a
        different host                 | https://example.com/a                       | https://example.org/a
        subdomain is not www           | https://blog.example.com/a                  | https://example.com/a
        non-default port               | https://example.com:8443/a                  | https://example.com/a
        meaningful parameter           | https://example.com/a?id=1                  | https://example.com/a?id=2
        amp=0 is not the amp flag      | https://example.com/a?amp=0                 | https://example.com/a
        ref to another host            | https://example.com/a?ref=other.com         | https://example.com/a
        amp in the middle of the path  | https://example.com/amp/a                   | https://example.com/a
        amp as part of a segment       | https://example.com/a/amp-stories           | https://example.com/a
        not an ampproject host         | https://example-com.cdn.example.org/c/s/example.com/a | https://example.com/a
        encoded slash is not a slash   | https://example.com/a%2Fb                   | https://example.com/a/b
        seed nbc web vs amp url        | https://www.nbcnews.com/tech/tech-news/microsoft-removing-emotion-recognition-features-facial-recognition-tec-rcna35087 | https://www.nbcnews.com/news/amp/rcna35087
        seed computerworld .amp.html   | https://www.computerworld.com/article/3665109/microsoft-backs-off-facial-recognition-analysis-but-big-questions-remain.html | https://www.computerworld.com/article/3665109/microsoft-backs-off-facial-recognition-analysis-but-big-questions-remain.amp.html
        seed conversation /amp/ prefix | https://theconversation.com/ai-is-increasingly-being-used-to-identify-emotions-heres-whats-at-stake-158809 | https://theconversation.com/amp/ai-is-increasingly-being-used-to-identify-emotions-heres-whats-at-stake-158809
        two forbes articles            | https://www.forbes.com/sites/korihale/2022/07/05/microsoft-is-scrapping-some-bad-ai-facial-recognition-tools/ | https://www.forbes.com/sites/quickerbettertech/2022/06/24/on-crm-viva-adds-to-microsofts-organized-chaos-of-apps/
        """)
    void differentArticles(String name, String a, String b) {
        assertNotEquals(CanonicalUrl.keyOf(b), CanonicalUrl.keyOf(a));
    }

    @Test
    void canonicalKey_hasNoSchemeAndNoWww() {
        assertEquals("example.com/a?x=1", CanonicalUrl.keyOf("HTTPS://WWW.Example.COM/a/?x=1&utm_source=rss#top"));
    }

    @Test
    void canonicalKey_ofNonHttpString_isTheTrimmedString() {
        assertEquals("urn:uuid:1234", CanonicalUrl.keyOf("  urn:uuid:1234 "));
        assertTrue(CanonicalUrl.canonicalKey("javascript:alert(1)").isEmpty());
        assertTrue(CanonicalUrl.canonicalKey("https:///nohost").isEmpty());
    }

    /** {@link CanonicalUrl#idn} leaves ASCII hosts unconverted: on random hosts it gives what converting every one gives. */
    @Test
    void idn_ofRandomHosts_isTheConversionOfEveryHost() {
        String alphabet = "abcxyz0189-._:[]\u00fc\u00e9\u3002\u0130";
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder host = new StringBuilder();
            int length = random.nextInt(round % 10 == 0 ? 140 : 20);
            boolean ascii = random.nextBoolean();
            for (int i = 0; i < length; i++) {
                host.append(alphabet.charAt(random.nextInt(ascii ? alphabet.length() - 4 : alphabet.length())));
            }
            String h = host.toString().toLowerCase(java.util.Locale.ROOT);
            String converted;
            try {
                converted = java.net.IDN.toASCII(h, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalArgumentException e) {
                converted = h;
            }
            assertEquals(converted, CanonicalUrl.idn(h), "host [" + h + "]");
        }
    }
}
