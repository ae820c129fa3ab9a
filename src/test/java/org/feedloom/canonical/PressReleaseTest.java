package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 15: an organisation's own announcement is never linked as coverage of a story. */
class PressReleaseTest {
    private static final String NEWS = "<p>Halvorsen Group agreed on Tuesday to buy FreshWay Markets.</p>";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://halvorsen.example/press-releases/halvorsen-to-acquire-freshway",
        "https://halvorsen.example/en/press-release/2025/halvorsen-to-acquire-freshway",
        "https://halvorsen.example/pressreleases/123",
        "https://halvorsen.example/press_release/123",
        "https://halvorsen.example/Press-Releases/123",
        "https://halvorsen.example/about/releases/2025/10/deal",
        "https://halvorsen.example/news-releases/deal",
        "https://halvorsen.example/newsroom/deal",
        "https://halvorsen.example/newsroom",
        "https://halvorsen.example/pressroom/deal.html",
        "https://halvorsen.example/media-centre/deal",
        "https://halvorsen.example/media-center/deal"})
    void aNewsroomPath_isAPressRelease(String url) {
        assertTrue(PressRelease.is(url, NEWS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://marketsdesk.example/business/2025/10/14/halvorsen-to-buy-rival-grocer-freshway/",
        "https://daily.example/news/release-of-the-hostages",
        "https://daily.example/film/releases-this-week",
        "https://daily.example/press/halvorsen-deal",
        "https://daily.example/news/halvorsen-deal?from=/press-releases/"})
    void anOrdinaryNewsUrl_isNoPressRelease(String url) {
        assertFalse(PressRelease.is(url, NEWS));
        assertFalse(PressRelease.is(url, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            media contact line      | <p>Halvorsen agreed.</p><p>Media contact: Ana Ruiz, press@halvorsen.example</p>
            press enquiries line    | Halvorsen agreed.\\nPress enquiries: +44 20 7946 0000
            media contacts heading  | <p>Halvorsen agreed.</p><h3>MEDIA CONTACTS</h3><p>Ana Ruiz</p>
            forward-looking         | <p>This release contains forward-looking statements within the meaning of the Act.</p>
            """)
    void whatOnlyReleasesCarry_makesAPressRelease(String name, String content) {
        assertTrue(PressRelease.is("https://wire.example/news/halvorsen-deal", content.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<p>Halvorsen declined to name a media contact for the deal.</p>",
        "<p>Analysts were looking forward to the deal's statements of cost savings.</p>"})
    void aStoryThatMentionsThoseWords_isNoPressRelease(String content) {
        assertFalse(PressRelease.is("https://marketsdesk.example/business/halvorsen-deal", content));
    }
}
