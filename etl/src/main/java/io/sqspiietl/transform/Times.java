package io.sqspiietl.transform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Reads the dates and times of events from the JSON text of a field.
 *
 * <p>Accepted forms, each in years 1..9999 (UTC):
 * <ul>
 *   <li>ISO-8601 date: {@code 2024-01-31}; as a time, the start of that day in UTC.
 *   <li>ISO-8601 date-time with offset: {@code 2024-01-31T23:30:00-02:00} is 2024-02-01 in UTC.
 *   <li>ISO-8601 local date-time without offset, taken as UTC: {@code 2024-01-31T23:30:00}.
 *   <li>Epoch time, {@code -?DIGITS[.DIGITS]} with at most 18 integer digits (no exponent): a value
 *       whose magnitude is below 100,000,000,000 is seconds, any other is milliseconds. The cut-off
 *       sits in year 5138 as seconds and in 1973 as milliseconds, so real timestamps of either kind
 *       are read right. A time keeps the fraction down to the nanosecond.
 * </ul>
 *
 * <p>Stateless and thread-safe; never consults the clock.
 */
final class Times {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final int MAX_EPOCH_INTEGER_DIGITS = 18; // keeps the value in a long
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Times() {
    }

    /**
     * Parses a date field.
     *
     * @param text the JSON text of the field (a string's content, or a number as written); not null
     * @return the UTC date, or empty when {@code text} is no accepted form or its year is out of range
     */
    static Optional<LocalDate> date(String text) {
        LocalDate date = isEpochNumber(text) ? dateFromEpoch(text) : dateFromIso(text);
        return date != null && isInYearRange(date) ? Optional.of(date) : Optional.empty();
    }

    /**
     * Parses a time field.
     *
     * @param text the JSON text of the field; not null
     * @return the instant, or empty when {@code text} is no accepted form or its UTC year is out of range
     */
    static Optional<Instant> instant(String text) {
        Instant instant = isEpochNumber(text) ? instantFromEpoch(text) : instantFromIso(text);
        return instant != null && isInYearRange(instant) ? Optional.of(instant) : Optional.empty();
    }

    /** Whether {@code date} lies in years 1..9999, the range every stored date must keep to. */
    static boolean isInYearRange(LocalDate date) {
        return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
    }

    /** Whether the UTC date of {@code instant} lies in years 1..9999. */
    static boolean isInYearRange(Instant instant) {
        return isInYearRange(utcDateOf(instant));
    }

    /**
     * The date of {@code instant} in UTC. Computed from the epoch day rather than with {@link
     * LocalDate#ofInstant}, which on Java 17 builds new zone rules (a map and all) on every call; this
     * runs once per message that carries no date.
     */
    static LocalDate utcDateOf(Instant instant) {
        return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
    }

    private static boolean isEpochNumber(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int integerStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || integerDigits > MAX_EPOCH_INTEGER_DIGITS) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.' || ++i == text.length()) {
            return false;
        }
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i == text.length();
    }

    /** Reads text already known to match {@link #isEpochNumber}. */
    private static LocalDate dateFromEpoch(String text) {
        int dot = text.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
        boolean negative = text.startsWith("-");
        // Only the floor matters for a date: a non-zero fraction lowers a negative value by one.
        long floor = negative && hasNonZeroFraction(text, dot) ? whole - 1 : whole;
        boolean millis = Math.abs(whole) >= MILLIS_THRESHOLD;
        long epochSecond = millis ? Math.floorDiv(floor, 1000) : floor;
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
    }

    /** Reads text already known to match {@link #isEpochNumber}, to the nanosecond (finer is cut off). */
    private static Instant instantFromEpoch(String text) {
        BigDecimal value = new BigDecimal(text);
        BigDecimal seconds = value.abs().compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) >= 0
                ? value.divide(THOUSAND) : value;
        BigDecimal floor = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(floor).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(floor.longValueExact(), nanos);
    }

    private static boolean hasNonZeroFraction(String text, int dot) {
        if (dot < 0) {
            return false;
        }
        for (int i = dot + 1; i < text.length(); i++) {
            if (text.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }

    /** Returns null when {@code text} is not an ISO-8601 date or date-time. */
    private static LocalDate dateFromIso(String text) {
        try {
            if (!hasTime(text)) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return utcDateOf(Instant.from(parsed));
            }
            return LocalDate.from(parsed); // no offset: the wall time is taken as UTC
        } catch (DateTimeException notIso) {
            return null;
        }
    }

    /** Returns null when {@code text} is not an ISO-8601 date or date-time. */
    private static Instant instantFromIso(String text) {
        try {
            if (!hasTime(text)) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Instant.from(parsed);
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC); // no offset: the wall time is taken as UTC
        } catch (DateTimeException notIso) {
            return null;
        }
    }

    private static boolean hasTime(String text) {
        return text.indexOf('T') >= 0 || text.indexOf('t') >= 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
