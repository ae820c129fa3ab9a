package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 15: the names and figures of a story, what related coverage compares. */
class StoryTermsTest {

    private static List<String> terms(String text) {
        return StoryTerms.of(text, null, null);
    }

    @Test
    void runsOfCapitalisedWords_areNames_inLowerCase_inOrder() {
        assertEquals(List.of("sheriff dana pruitt", "lake corrine", "calder institute of technology"),
                terms("Sheriff Dana Pruitt told residents below Lake Corrine that engineers from the Calder Institute "
                        + "of Technology had inspected the dam."));
    }

    @Test
    void aSingleCapitalisedWord_isNoName() {
        assertEquals(List.of(), terms("Halvorsen agreed to buy FreshWay, and Pruitt said Fenwick was safe."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sentence start           | The Lake Corrine dam holds.           | lake corrine
            preposition before       | After Dana Pruitt spoke, crews left.  | dana pruitt
            title before             | Mr Dana Pruitt spoke.                 | dana pruitt
            day and month            | On Tuesday March the crews came.      | ''
            one word left            | In The Meantime nobody spoke.         | ''
            """)
    void commonCapitalisedWords_areLeftOutOfNames(String name, String text, String expected) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), terms(text));
    }

    @Test
    void possessives_areLeftOff() {
        assertEquals(List.of("marlow nine", "dana pruitt"),
                terms("Marlow's Nine is roomy, and Dana Pruitt’s verdict is kind."));
    }

    @Test
    void aTermSeenTwice_isKeptOnce() {
        assertEquals(List.of("lake corrine", "dana pruitt"),
                terms("Lake Corrine is low. Dana Pruitt said Lake Corrine would refill."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            three digits                 | About 412 drivers struck.          | 412
            thousands                    | About 1,400 residents left.        | 1,400
            billions with a currency     | A $7.8 billion deal was agreed.    | 7.8 billion
            millions                     | It saves $600 million a year.      | 600 million
            bn                           | It raised 4 bn euros.              | 4 bn
            decimal of three digits      | The index rose to 43.1 points.     | 43.1
            two digits                   | About 41 dollars a share.          | ''
            one digit                    | Lower it by 3 feet.                | ''
            a year                       | The dam was built in 1962.         | ''
            a year of this century       | Repairs are due in 2026.           | ''
            an old number like a year    | The charter dates from 1850.       | 1850
            """)
    void figures_areNumbersOfThreeDigitsOrWithAUnit_notYears(String name, String text, String expected) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), terms(text));
    }

    @Test
    void figuresAndNames_areToldApart() {
        assertTrue(StoryTerms.isName("dana pruitt"));
        assertFalse(StoryTerms.isName("1,400"));
        assertFalse(StoryTerms.isName("7.8 billion"));
    }

    @Test
    void theTitleComesFirst_thenTheExcerpt_thenTheText() {
        assertEquals(List.of("lake corrine", "dana pruitt", "1,400", "fenwick high school"),
                StoryTerms.of("Lake Corrine dam at risk", "Sheriff's order: Dana Pruitt moves 1,400 people.",
                        "<p>Lake Corrine is low. A shelter opened at Fenwick High School.</p>"));
    }

    @Test
    void atMostEightTerms_theFirstOnes() {
        String names = IntStream.rangeClosed(1, 10).mapToObj(i -> "Name" + i + " Person" + i)
                .reduce((x, y) -> x + " met " + y).orElseThrow();
        List<String> terms = StoryTerms.of(names, "Lake Corrine", "<p>Dana Pruitt spoke.</p>");
        assertEquals(StoryTerms.MAX, terms.size());
        assertEquals(IntStream.rangeClosed(1, StoryTerms.MAX).mapToObj(i -> "name" + i + " person" + i).toList(),
                terms);
    }

    @Test
    void boilerplateBlocks_areNotRead() {
        List<String> terms = StoryTerms.of(null, null, "<p>By Jane Doe, Professor of Hydrology, Calder University</p>"
                + "<p>Engineers lowered Lake Corrine by 3 feet.</p>"
                + "<p>This article is republished from The Conversation under a Creative Commons license. Read the "
                + "original article.</p><p>Sign up for the Daily Brief Newsletter.</p>");
        assertEquals(List.of("lake corrine"), terms);
    }

    @Test
    void missingParts_areNoTerms() {
        assertEquals(List.of(), StoryTerms.of(null, null, null));
        assertEquals(List.of("dana pruitt"), StoryTerms.of(null, null, "<p>Dana Pruitt spoke.</p>"));
    }
}
