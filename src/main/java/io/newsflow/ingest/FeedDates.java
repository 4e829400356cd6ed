package io.newsflow.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tolerant date parsing for feeds and JSON input. Results are truncated to milliseconds, the precision of the
 * {@code timestamp-millis} contract fields. Stateless and thread-safe.
 */
final class FeedDates {

    private static final Pattern RFC_822 = Pattern.compile(
            "(?:[A-Za-z]+\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]+)\\.?[\\s-]+(\\d{2,4})\\s+"
                    + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*(.*)");
    private static final Pattern NUMERIC_ZONE = Pattern.compile(
            "(?:GMT|UTC|UT)?([+-])(\\d{1,2})(?::?(\\d{2}))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
            Map.entry("z", 0), Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0),
            Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
            Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7),
            Map.entry("cet", 1), Map.entry("cest", 2), Map.entry("bst", 1), Map.entry("msk", 3));
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMMss", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private FeedDates() {
    }

    /**
     * Parses an RFC 822 / RFC 1123 date as found in RSS ({@code Fri, 20 Nov 2026 09:30:00 GMT}; day name optional
     * and not checked, seconds optional, two-digit years, numeric or common named zones, no zone meaning UTC) or
     * any form accepted by {@link #parseIso}. Returns null when the text is blank or not understood.
     */
    static Instant parseFeedDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Instant rfc = parseRfc822(t);
        return rfc != null ? rfc : parseIso(t);
    }

    /**
     * Parses ISO-8601 date-times with {@code Z} or a numeric offset, date-times without an offset (taken as UTC) and
     * plain dates (midnight UTC); a space may stand for the {@code T}. Returns null when not understood.
     */
    static Instant parseIso(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            TemporalAccessor parsed = ISO.parseBest(t, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            Instant instant;
            if (parsed instanceof OffsetDateTime odt) {
                instant = odt.toInstant();
            } else if (parsed instanceof LocalDateTime ldt) {
                instant = ldt.toInstant(ZoneOffset.UTC);
            } else {
                instant = ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return instant.truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseRfc822(String text) {
        Matcher m = RFC_822.matcher(TRAILING_COMMENT.matcher(text).replaceFirst(""));
        if (!m.matches()) {
            return null;
        }
        String monthName = m.group(2).toLowerCase(Locale.ROOT);
        Integer month = monthName.length() >= 3 ? MONTHS.get(monthName.substring(0, 3)) : null;
        ZoneOffset offset = zone(m.group(7).strip());
        if (month == null || offset == null) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset zone(String zone) {
        if (zone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        Matcher numeric = NUMERIC_ZONE.matcher(zone);
        if (numeric.matches()) {
            int hours = Integer.parseInt(numeric.group(2));
            int minutes = numeric.group(3) == null ? 0 : Integer.parseInt(numeric.group(3));
            int sign = numeric.group(1).equals("-") ? -1 : 1;
            try {
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        }
        Integer hours = ZONE_HOURS.get(zone.toLowerCase(Locale.ROOT));
        if (hours != null) {
            return ZoneOffset.ofHours(hours);
        }
        if (zone.length() == 1 && Character.isLetter(zone.charAt(0))) {
            return ZoneOffset.UTC;
        }
        return null;
    }
}
