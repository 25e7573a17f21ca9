package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages the parser accepts, and exactly what it makes of them. */
class LoginEventParserTest {

    static final Instant SENT_AT = Instant.parse("2024-05-06T07:08:09Z");
    static final LocalDate SENT_DATE = LocalDate.of(2024, 5, 6);

    private final LoginEventParser parser = new LoginEventParser();

    @Test
    void takeHomeSampleBodyBecomesTheExpectedEvent() {
        String body = "{\"user_id\": \"424cdd21-063a-43a7-b91b-7ca1a833afae\", \"app_version\": \"2.3.0\", "
                + "\"device_type\": \"android\", \"ip\": \"199.172.111.135\", \"locale\": \"RU\", "
                + "\"device_id\": \"593-47-5928\"}";

        assertThat(parser.parse(body, SENT_AT)).isEqualTo(new LoginParseResult.Accepted(
                new LoginEvent("424cdd21-063a-43a7-b91b-7ca1a833afae", "android", "199.172.111.135", "593-47-5928",
                        "RU", 2_003_000, SENT_DATE),
                0));
    }

    @Test
    void nullLocaleBecomesNull() {
        LoginEvent event = accept("{\"user_id\": \"u\", \"locale\": null, \"device_type\": \"ios\"}");

        assertThat(event.locale()).isNull();
        assertThat(event.deviceType()).isEqualTo("ios");
    }

    @Test
    void onlyUserIdIsRequired() {
        assertThat(accept("{\"user_id\": \"u\"}")).isEqualTo(new LoginEvent("u", null, null, null, null, null, SENT_DATE));
    }

    @Test
    void nestedDeviceObjectFlattensToColumns() {
        LoginEvent event = accept("{\"user\": {\"id\": \"u\"}, \"device\": {\"type\": \"ios\", \"id\": \"593-47-5928\"}, "
                + "\"app\": {\"version\": \"3.7\"}, \"create\": {\"date\": \"2024-01-31\"}}");

        assertThat(event).isEqualTo(new LoginEvent("u", "ios", null, "593-47-5928", null, 3_007_000, LocalDate.of(2024, 1, 31)));
    }

    @Test
    void unknownLeavesAreIgnoredAndCounted() {
        String body = "{\"user_id\": \"u\", \"foo\": 1, \"bar\": [1, {\"x\": 2}], \"baz\": {\"a\": 1, \"b\": {\"c\": null}}, "
                + "\"empty\": {}, \"device\": {\"type\": \"t\", \"color\": \"red\"}, \"User_Id\": \"v\"}";

        LoginParseResult result = parser.parse(body, SENT_AT);

        // foo, bar (an array is one leaf), baz_a, baz_b_c, device_color, User_Id; an empty object has no leaf
        assertThat(result).isEqualTo(new LoginParseResult.Accepted(
                new LoginEvent("u", "t", null, null, null, null, SENT_DATE), 6));
    }

    @Test
    void wrongMessageTypeCountsAsUnknownFieldsBeforeBeingRefused() {
        assertThat(parser.parse("{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"123\"}", SENT_AT))
                .isEqualTo(new LoginParseResult.Rejected(new Rejection(Rule.MISSING_FIELD, "user_id")));
    }

    @ParameterizedTest(name = "user_id {0} -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "12345          | 12345",
        "-1.50          | -1.50",
        "1e3            | 1e3",
        "true           | true",
        "false          | false",
        "\" spaced \"   | ' spaced '",
        "\"\\ud83d\\ude00\" | \ud83d\ude00",
        "\"a\\\"b\"     | a\"b",
    })
    void scalarUserIdIsTakenByItsJsonText(String json, String expected) {
        assertThat(accept("{\"user_id\": " + json + "}").userId()).isEqualTo(expected);
    }

    @Test
    void numbersAndBooleansInTextFieldsKeepTheirJsonText() {
        LoginEvent event = accept("{\"user_id\": \"u\", \"device_type\": 2.30, \"locale\": true, \"device_id\": 5934759280}");

        assertThat(event.deviceType()).isEqualTo("2.30");
        assertThat(event.locale()).isEqualTo("true");
        assertThat(event.deviceId()).isEqualTo("5934759280");
    }

    @Test
    void emptyShortTextsAreKeptAsSent() {
        LoginEvent event = accept("{\"user_id\": \"u\", \"device_type\": \"\", \"locale\": \"\"}");

        assertThat(event.deviceType()).isEmpty();
        assertThat(event.locale()).isEmpty();
    }

    @ParameterizedTest(name = "app_version {0} -> {1}")
    @CsvSource({
        "'\"2.3.0\"', 2003000",
        "'\"0.96\"',  96000",
        "'\"3.7\"',   3007000",
        "'\"0.60\"',  60000",
        "'\"2.00\"',  2000000",
        "'\"0.9.6\"', 9006",
        "'\"7\"',     7000000",
        "2.3,         2003000",
        "2.30,        2030000",
        "7,           7000000",
    })
    void appVersionIsEncoded(String json, int expected) {
        assertThat(accept("{\"user_id\": \"u\", \"app_version\": " + json + "}").appVersion()).isEqualTo(expected);
    }

    @Test
    void nullAppVersionBecomesNull() {
        assertThat(accept("{\"user_id\": \"u\", \"app_version\": null}").appVersion()).isNull();
    }

    @ParameterizedTest(name = "ip \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "199.172.111.135               | 199.172.111.135",
        "'  199.172.111.135\\t\\n'     | 199.172.111.135",
        "010.001.000.009               | 10.1.0.9",
        "2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
        "' ::FFFF:199.172.111.135 '    | 199.172.111.135",
        "' Example.COM '               | Example.COM",
        "fe80::1%eth0                  | fe80::1%eth0",
        "'   '                         | NULL",
        "''                            | NULL",
    })
    void ipIsTrimmedAndCanonical(String ip, String expected) {
        assertThat(accept("{\"user_id\": \"u\", \"ip\": \"" + ip + "\"}").ip()).isEqualTo(expected);
    }

    @Test
    void deviceIdIsTakenAsIsAndEmptyBecomesNull() {
        assertThat(accept("{\"user_id\": \"u\", \"device_id\": \" 593-47-5928 \"}").deviceId()).isEqualTo(" 593-47-5928 ");
        assertThat(accept("{\"user_id\": \"u\", \"device_id\": \"\"}").deviceId()).isNull();
        assertThat(accept("{\"user_id\": \"u\", \"device_id\": null}").deviceId()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "\"create_date\": \"2024-01-31\"                             | 2024-01-31",
        "\"create_date\": \"2024-01-31T23:30:00-02:00\"              | 2024-02-01",
        "\"create_date\": \"2024-01-31T23:30:00Z\"                   | 2024-01-31",
        "\"create_date\": \"2024-01-31T23:30:00\"                    | 2024-01-31",
        "\"create_date\": 1706745600                                 | 2024-02-01",
        "\"create_date\": 1706745599.5                               | 2024-01-31",
        "\"create_date\": \"1706745600\"                             | 2024-02-01",
        "\"create_date\": 1706745600000                              | 2024-02-01",
        "\"timestamp\": \"2024-01-31T23:30:00-02:00\"                | 2024-02-01",
        "\"timestamp\": 1706745599999                                | 2024-01-31",
        "\"timestamp\": \"1706745599999\"                            | 2024-01-31",
        "\"create_date\": \"2023-12-31\", \"timestamp\": 1706745600  | 2023-12-31",
        "\"timestamp\": 1706745600, \"create_date\": \"2023-12-31\"  | 2023-12-31",
        "\"create_date\": null, \"timestamp\": 1706745600            | 2024-02-01",
        "\"create_date\": \"2023-12-31\", \"timestamp\": [1]         | 2023-12-31",
        "\"create_date\": null                                       | 2024-05-06",
        "\"timestamp\": null                                         | 2024-05-06",
    })
    void createDateComesFromCreateDateThenTimestampThenSentAt(String members, LocalDate expected) {
        assertThat(accept("{\"user_id\": \"u\", " + members + "}").createDate()).isEqualTo(expected);
    }

    @Test
    void withoutADateTheUtcDateOfSentAtIsUsed() {
        LoginEvent event = accept("{\"user_id\": \"u\"}", Instant.parse("2024-03-10T23:59:59.999Z"));

        assertThat(event.createDate()).isEqualTo(LocalDate.of(2024, 3, 10));
    }

    @Test
    void toStringRedactsIpAndDeviceId() {
        String body = "{\"user_id\": \"u\", \"ip\": \"199.172.111.135\", \"device_id\": \"593-47-5928\"}";
        ParseResult result = new EventParser(LoginEvent.LOGIN)
                .parse(body, Provenance.of(new Delivery("m-1", body, SENT_AT, 1, SENT_AT)));

        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
        assertThat(result.toString()).doesNotContain("199.172.111.135", "593-47-5928");
    }

    @Test
    void oneParserServesManyThreads() {
        List<String> userIds = IntStream.range(0, 10_000).parallel()
                .mapToObj(i -> accept("{\"user_id\": \"user-" + i + "\", \"device\": {\"type\": \"ios\"}}").userId())
                .toList();

        assertThat(userIds).isEqualTo(IntStream.range(0, 10_000).mapToObj(i -> "user-" + i).toList());
    }

    @Test
    void aNullBodyIsAProgrammingError() {
        assertThatNullPointerException().isThrownBy(() -> parser.parse(null, SENT_AT));
    }

    @Test
    void withoutSentTimestampOnlyAnEventWithADateOfItsOwnLoads() {
        assertThat(accept("{\"user_id\": \"u\", \"create_date\": \"2026-03-01\"}", null).createDate())
                .isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(accept("{\"user_id\": \"u\", \"timestamp\": \"2026-03-02T23:30:00-02:00\"}", null).createDate())
                .isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(parser.parse("{\"user_id\": \"u\"}", null))
                .isEqualTo(new LoginParseResult.Rejected(new Rejection(Rule.MISSING_SENT_TIMESTAMP, "create_date")));
        // The earlier rules still come first.
        assertThat(parser.parse("{\"device_type\": \"ios\"}", null))
                .isEqualTo(new LoginParseResult.Rejected(new Rejection(Rule.MISSING_FIELD, "user_id")));
    }

    private LoginEvent accept(String body) {
        return accept(body, SENT_AT);
    }

    private LoginEvent accept(String body, Instant sentAt) {
        LoginParseResult result = parser.parse(body, sentAt);
        assertThat(result).isInstanceOf(LoginParseResult.Accepted.class);
        return ((LoginParseResult.Accepted) result).event();
    }
}
