package org.feedloom.parse;

import com.rometools.rome.io.impl.DateParser;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feed dates as ROME's path reads them ({@link DateParser#parseDate} with {@link Locale#US}, which trims the
 * text first), with the two forms nearly every feed uses — W3C date-time to the second or the millisecond
 * ({@code 2026-01-02T03:04:05Z}, {@code 2026-01-02T03:04:05.250+01:00}) and RFC 822 with a four-digit year and a
 * numeric or GMT zone ({@code Fri, 02 Jan 2026 03:04:05 +0000}, or {@code Fri, 2 Jan ...}) — read directly with
 * java.time instead of ROME's trial of one {@code SimpleDateFormat} after another. A date in those forms whose
 * fields do not make a valid date and weekday or that fall before {@value #GREGORIAN}, and every other form, goes to
 * ROME's parser, so the result is always ROME's. Thread-safe; pure.
 */
final class FeedDates {
    private static final Pattern W3C = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{3}))?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern RFC822 = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{4}) "
                    + "(\\d{2}):(\\d{2}):(\\d{2}) ([+-]\\d{4}|GMT)");
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    /**
     * The days' names as RFC 822 writes them, Monday first ({@link DayOfWeek#getValue} - 1): what
     * {@code getDisplayName(TextStyle.SHORT, Locale.US)} gives, without its look-up by locale on every date.
     */
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    /** The first whole year of the Gregorian calendar, which ROME's parser (a {@code GregorianCalendar}) uses from 1582-10-15 on. */
    private static final int GREGORIAN = 1583;

    private FeedDates() {}

    /** The instant ROME's path gives for {@code text}, or null when it gives none. */
    static Instant parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        Instant fast = direct(trimmed);
        if (fast != null) {
            return fast;
        }
        Date d = DateParser.parseDate(text, Locale.US);
        return d == null ? null : d.toInstant();
    }

    /** The two common forms exactly as written (no surrounding space), else null. */
    static Instant direct(String text) {
        try {
            Matcher w = W3C.matcher(text);
            if (w.matches()) {
                // what OffsetDateTime.parse(text) gives (its strict ISO fields and offset), without its formatter
                String zone = w.group(8);
                Instant at = local(w, 1, Integer.parseInt(w.group(2)), 3, 4).toInstant(zone.equals("Z") ? ZoneOffset.UTC
                        : offset(zone.charAt(0), zone.substring(1, 3), zone.substring(4)));
                return w.group(7) == null ? at : at.plusMillis(Integer.parseInt(w.group(7)));
            }
            Matcher r = RFC822.matcher(text);
            if (r.matches()) {
                LocalDateTime local = local(r, 4, MONTHS.indexOf(r.group(3)) + 1, 2, 5);
                DayOfWeek day = local.getDayOfWeek();
                if (!DAYS.get(day.getValue() - 1).equals(r.group(1))) {
                    return null;
                }
                String zone = r.group(8);
                return local.toInstant(zone.equals("GMT") ? ZoneOffset.UTC
                        : offset(zone.charAt(0), zone.substring(1, 3), zone.substring(3)));
            }
            return null;
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * The date and time in groups {@code year} and {@code day} and the three from {@code hour} on (hour, minute,
     * second); a {@link DateTimeException} when they make no valid date or time, as java.time's strict ISO parse.
     */
    private static LocalDateTime local(Matcher m, int year, int month, int day, int hour) {
        int y = Integer.parseInt(m.group(year));
        if (y < GREGORIAN) {
            throw new DateTimeException("before the Gregorian calendar: ROME's parser reads it as Julian");
        }
        return LocalDateTime.of(y, month, Integer.parseInt(m.group(day)),
                Integer.parseInt(m.group(hour)), Integer.parseInt(m.group(hour + 1)), Integer.parseInt(m.group(hour + 2)));
    }

    private static ZoneOffset offset(char sign, String hours, String minutes) {
        int s = sign == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(s * Integer.parseInt(hours), s * Integer.parseInt(minutes));
    }
}
