package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.rometools.rome.io.impl.DateParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FeedDates gives what ROME's DateParser gives, for the forms it reads itself and for everything else. */
class FeedDatesTest {
    static Instant rome(String text) {
        Date d = DateParser.parseDate(text, Locale.US);
        return d == null ? null : d.toInstant();
    }

    @Test
    void parse_randomDatesInBothCommonForms_equalRome() {
        Random random = new Random(6);
        DateTimeFormatter w3c = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.US);
        DateTimeFormatter rfc = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.US);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Instant t = Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 1_000_000_000L));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 1800);
            texts.add(w3c.format(t.atOffset(offset)));
            texts.add(rfc.format(t.atOffset(offset)));
            texts.add(rfc.format(t.atOffset(ZoneOffset.UTC)).replace("+0000", "GMT"));
        }
        int direct = 0;
        for (String text : texts) {
            assertEquals(rome(text), FeedDates.parse(text), text);
            direct += FeedDates.direct(text) != null ? 1 : 0;
        }
        assertEquals(texts.size(), direct, "all of them are read directly");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sat, 02 Jan 2026 03:04:05 +0000",   // wrong weekday
        "Fri, 02 Jan 2026 03:04:05 EST",
        "Fri, 2 Jan 2026 03:04:05 +0000",
        "02 Jan 2026 03:04:05 +0000",
        " 2026-01-02T03:04:05Z",
        "2026-01-02T03:04:05Z\n",
        "2026-01-02T03:04:05.250Z",
        "2026-01-02T03:04Z",
        "2026-01-02",
        "2026-02-30T03:04:05Z",
        "Mon, 30 Feb 2026 03:04:05 +0000",
        "2026-01-02T25:04:05Z",
        "yesterday",
        ""})
    void parse_otherForms_areRomes(String text) {
        assertEquals(rome(text), FeedDates.parse(text), text);
    }

    @Test
    void direct_readsOnlyTheStrictForms() {
        assertNotNull(FeedDates.direct("Fri, 02 Jan 2026 03:04:05 +0000"));
        assertNull(FeedDates.direct("Sat, 02 Jan 2026 03:04:05 +0000"));
        assertNull(FeedDates.direct("2026-01-02T03:04:05.250Z"));
    }
}
