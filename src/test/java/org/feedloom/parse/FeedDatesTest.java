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
        DateTimeFormatter w3cMillis = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.US);
        DateTimeFormatter rfcShortDay = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.US);
        String[] around = {"", " ", "\n", "\t ", "\r\n  "};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Instant t = Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 1_000_000_000L));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 1800);
            texts.add(w3c.format(t.atOffset(offset)));
            texts.add(rfc.format(t.atOffset(offset)));
            texts.add(rfc.format(t.atOffset(ZoneOffset.UTC)).replace("+0000", "GMT"));
            Instant ms = t.plusMillis(random.nextInt(1000));
            texts.add(w3cMillis.format(ms.atOffset(offset)));
            texts.add(rfcShortDay.format(t.atOffset(offset)));
            String space = around[random.nextInt(around.length)];
            texts.add(space + (random.nextBoolean() ? w3c : rfc).format(t.atOffset(offset)) + space);
        }
        int direct = 0;
        for (String text : texts) {
            assertEquals(rome(text), FeedDates.parse(text), text);
            direct += FeedDates.direct(text.trim()) != null ? 1 : 0;
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
        "2026-01-02T03:04:05.25Z",
        "2026-01-02T03:04:05.2500Z",
        "Sat, 2 Jan 2026 03:04:05 +0000",
        "Fri,  2 Jan 2026 03:04:05 +0000",
        " \t\n",
        "2026-01-02T03:04Z",
        "2026-01-02",
        "2026-02-30T03:04:05Z",
        "Mon, 30 Feb 2026 03:04:05 +0000",
        "2026-01-02T25:04:05Z",
        "1582-10-04T12:00:00Z",
        "Mon, 04 Oct 1582 12:00:00 +0000",
        "0999-06-01T00:00:00+01:00",
        "yesterday",
        ""})
    void parse_otherForms_areRomes(String text) {
        assertEquals(rome(text), FeedDates.parse(text), text);
    }

    /** The W3C form is read as java.time's strict ISO parse reads it, limits and failures included. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-01-02T03:04:05Z", "2026-01-02T03:04:05-00:00", "2026-01-02T03:04:05+18:00",
        "2026-01-02T03:04:05-18:00", "2026-01-02T03:04:05+18:30", "2026-01-02T03:04:05+05:75", "2026-01-02T03:04:05+19:00",
        "2026-01-02T03:04:05-00:30", "2026-01-02T03:04:05+05:45", "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00", "2026-01-02T23:59:60Z", "2026-01-02T24:00:00Z",
        "2026-01-02T23:60:00Z", "2026-00-10T00:00:00Z", "2026-13-10T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-04-31T00:00:00Z"})
    void direct_w3c_isJavaTimesIsoParse(String text) {
        Instant iso;
        try {
            iso = java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.DateTimeException e) {
            iso = null;
        }
        iso = text.compareTo("1583") < 0 ? null : iso; // ROME reads those in the Julian calendar: left to it
        assertEquals(iso, FeedDates.direct(text), text);
        assertEquals(rome(text), FeedDates.parse(text), text);
    }

    @Test
    void direct_readsOnlyTheStrictForms() {
        assertNotNull(FeedDates.direct("Fri, 02 Jan 2026 03:04:05 +0000"));
        assertNull(FeedDates.direct("Sat, 02 Jan 2026 03:04:05 +0000"));
        assertNull(FeedDates.direct("2026-01-02T03:04:05.25Z")); // ROME reads .25 as 25 ms
        assertNull(FeedDates.direct(" 2026-01-02T03:04:05Z")); // parse trims, as ROME does
    }
}
