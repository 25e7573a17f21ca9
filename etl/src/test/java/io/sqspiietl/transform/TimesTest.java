package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2024-01-31,                     2024-01-31",
        "0001-01-01,                     0001-01-01",
        "9999-12-31,                     9999-12-31",
        "2024-01-31T23:30:00Z,           2024-01-31",
        "2024-01-31T23:30:00-02:00,      2024-02-01",
        "2024-02-01T00:30:00+01:00,      2024-01-31",
        "2024-01-31T23:30:00.123456789Z, 2024-01-31",
        "2024-01-31t23:30z,              2024-01-31",
        "2024-01-31T23:30:00+01:00[Europe/Paris], 2024-01-31",
        "2024-01-31T23:30:00,            2024-01-31",
        "2024-01-31T23:59:59.999,        2024-01-31",
    })
    void isoDatesAndDateTimesGiveTheirUtcDate(String text, LocalDate expected) {
        assertThat(Times.date(text)).contains(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0,                  1970-01-01",
        "1706745599,         2024-01-31",
        "1706745600,         2024-02-01",
        "1706745599.999,     2024-01-31",
        "1706745600.0,       2024-02-01",
        "99999999999,        5138-11-16",
        "100000000000,       1973-03-03",
        "1706745599999,      2024-01-31",
        "1706745600000,      2024-02-01",
        "1706745600000.5,    2024-02-01",
        "-1,                 1969-12-31",
        "-0.5,               1969-12-31",
        "-0.0,               1970-01-01",
        "-86400,             1969-12-31",
        "-86400.1,           1969-12-30",
        "-62135596800,       0001-01-01",
        "253402300799999,    9999-12-31",
        "0001706745600,      2024-02-01",
    })
    void epochNumbersBelowOneHundredBillionAreSecondsAndOthersMilliseconds(String text, LocalDate expected) {
        assertThat(Times.date(text)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
        "", " ", "yesterday", "2024-1-31", "2024-02-30", "2024-01-31 23:30:00", " 2024-01-31", "2024-01-31Z",
        "2024-01-31+01:00", "2024-01-31T25:00:00", "0000-12-31", "+10000-01-01", "-0001-01-01",
        "1.7e9", "+1706745600", "1706745600.", ".5", "--1", "0x10", "true",
        "-62135596801", "253402300800000", "1234567890123456789", "99999999999999999",
        "0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-02:00",
    })
    void refusesOtherFormsAndYearsOutsideOneToNineThousandNineHundredNinetyNine(String text) {
        assertThat(Times.date(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-31T23:59:59.999Z, 2024-01-31",
        "2024-02-01T00:00:00Z, 2024-02-01",
        "1970-01-01T00:00:00Z, 1970-01-01",
        "1969-12-31T23:59:59.999Z, 1969-12-31",
        "0001-01-01T00:00:00Z, 0001-01-01",
        "9999-12-31T23:59:59Z, 9999-12-31",
    })
    void utcDateOfAnInstantIsItsUtcCalendarDayWhateverTheDefaultTimeZone(String instant, String date) {
        assertThat(Times.utcDateOf(Instant.parse(instant))).isEqualTo(LocalDate.parse(date));
    }
}
