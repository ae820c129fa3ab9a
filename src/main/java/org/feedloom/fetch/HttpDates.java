package org.feedloom.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the time-related response headers: Retry-After, Cache-Control max-age, Expires. Pure. */
final class HttpDates {
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?(\\d{1,10})");

    private HttpDates() {}

    static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Retry-After as delta-seconds or an HTTP date, relative to {@code now}; null if absent or unreadable. */
    static Duration retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return null;
        }
        String v = header.get().strip();
        if (v.matches("\\d{1,10}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Instant at = parseDate(v);
        return at == null ? null : at.isBefore(now) ? Duration.ZERO : Duration.between(now, at);
    }

    /** Until when the response may be reused: max-age, else Expires; null with no-cache/no-store or neither. */
    static Instant freshUntil(Optional<String> cacheControl, Optional<String> expires, Instant now) {
        if (cacheControl.isPresent()) {
            String cc = cacheControl.get();
            if (cc.toLowerCase(java.util.Locale.ROOT).matches(".*\\b(no-cache|no-store)\\b.*")) {
                return null;
            }
            Matcher m = MAX_AGE.matcher(cc);
            if (m.find()) {
                return now.plusSeconds(Long.parseLong(m.group(1)));
            }
        }
        return expires.map(HttpDates::parseDate).filter(t -> t.isAfter(now)).orElse(null);
    }
}
