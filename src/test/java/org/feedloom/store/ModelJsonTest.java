package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's text forms of lists and instants read back what they wrote, as the libraries would read them. */
class ModelJsonTest {

    @Test
    void instant_readsBackEveryInstantWritten_likeInstantParse() {
        Random random = new Random(5);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T00:00:00Z"),
                Instant.parse("2026-12-01T18:00:00.100Z"), Instant.parse("2026-12-01T18:00:00.000100Z"),
                Instant.parse("0999-12-31T23:59:59.999Z"), Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("2026-12-01T18:00:00.120Z")));
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-70_000_000_000L, 300_000_000_000L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        for (Instant t : instants) {
            String text = ModelJson.instant(t);
            assertEquals(t.toString(), text, "written as Instant.toString writes it");
            assertEquals(Instant.parse(text), ModelJson.instant(text), text);
            assertEquals(t, ModelJson.instant(text), text);
        }
        assertEquals(null, ModelJson.instant((String) null));
    }

    @Test
    void instant_oddTexts_areReadAsInstantParseReadsThem_orRefusedAsItRefusesThem() {
        for (String odd : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
                "2026-12-31T23:59:60Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z", "2026-01-01T00:00:00.1234Z",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1Z", "2026-0a-01T00:00:00Z", "2026-01-01 00:00:00Z",
                "2026-01-01T00:00:00", "2026-01-01T00:00:00+01:00")) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (java.time.format.DateTimeParseException e) {
                assertThrows(java.time.format.DateTimeParseException.class, () -> ModelJson.instant(odd), odd);
                continue;
            }
            assertEquals(expected, ModelJson.instant(odd), odd);
        }
    }

    @Test
    void strings_readBackWhatWasWritten() {
        for (List<String> values : List.of(List.<String>of(), List.of(""), List.of("a", "b \"quoted\" \\ é \u2028"),
                List.of("[]", ",", "\n\t\u0000"))) {
            assertEquals(values, ModelJson.strings(ModelJson.strings(values)));
        }
        assertThrows(com.google.gson.JsonParseException.class, () -> ModelJson.strings("{\"a\":1}"));
    }

    @Test
    void strings_writeWhatGsonsTreeWrites_soStoredHashesStayValid() {
        Random random = new Random(8);
        String alphabet = "ab\"\\/<>&='\u0000\u001f\u007f\u2028\u2029é\ud83d\ude00\n\t ";
        for (int i = 0; i < 5_000; i++) {
            List<String> values = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                StringBuilder value = new StringBuilder();
                for (int k = random.nextInt(12); k > 0; k--) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                values.add(value.toString());
            }
            com.google.gson.JsonArray tree = new com.google.gson.JsonArray();
            values.forEach(tree::add);
            assertEquals(tree.toString(), ModelJson.strings(values), values.toString());
            assertEquals(values, ModelJson.strings(ModelJson.strings(values)));
        }
    }
}
