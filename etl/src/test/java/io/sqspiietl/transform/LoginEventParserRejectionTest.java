package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages the parser refuses: which rule, on which field, and which rule wins when several apply. */
class LoginEventParserRejectionTest {

    private static final Instant SENT_AT = Instant.parse("2024-05-06T07:08:09Z");
    private static final String EMOJI = "\ud83d\ude00"; // one code point, two UTF-16 chars, four UTF-8 bytes

    private final LoginEventParser parser = new LoginEventParser();

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                // body-level rules name no field
                refused("{\"user_id\": \"\ud83d\"}", Rule.NOT_UTF8, null),
                refused("{\"user_id\": \"\ude00\ud83d\"}", Rule.NOT_UTF8, null),
                refused("{\"user_id\": \"u\"}\udc00", Rule.NOT_UTF8, null),
                refused("{", Rule.NOT_JSON, null),
                refused("{\"user_id\": \"u\"", Rule.NOT_JSON, null),
                refused("{\"user_id\": \"u\"} x", Rule.NOT_JSON, null),
                refused("{\"user_id\": \"u\"} {}", Rule.NOT_JSON, null),
                refused("{\"user_id\": \"u\"}\u0000", Rule.NOT_JSON, null),
                refused("{'user_id': 'u'}", Rule.NOT_JSON, null),
                refused("{\"user_id\": \"u\",}", Rule.NOT_JSON, null),
                refused("{\"user_id\": NaN}", Rule.NOT_JSON, null),
                refused("{\"user_id\": 01}", Rule.NOT_JSON, null),
                refused("/* c */ {\"user_id\": \"u\"}", Rule.NOT_JSON, null),
                refused("[1, 2", Rule.NOT_JSON, null),
                refused("\"text\" trailing", Rule.NOT_JSON, null),
                refused("{\"user_id\": \"u\", \"user_id\": \"v\"}", Rule.DUPLICATE_KEY, null),
                refused("{\"user_id\": \"u\", \"x\": 1, \"x\": 2}", Rule.DUPLICATE_KEY, null),
                refused("{\"user_id\": \"u\", \"device\": {\"id\": \"a\", \"id\": \"b\"}}", Rule.DUPLICATE_KEY, null),
                refused("", Rule.NOT_AN_OBJECT, null),
                refused(" \n\t ", Rule.NOT_AN_OBJECT, null),
                refused("[]", Rule.NOT_AN_OBJECT, null),
                refused("[{\"user_id\": \"u\"}]", Rule.NOT_AN_OBJECT, null),
                refused("\"{\\\"user_id\\\": \\\"u\\\"}\"", Rule.NOT_AN_OBJECT, null),
                refused("42", Rule.NOT_AN_OBJECT, null),
                refused("true", Rule.NOT_AN_OBJECT, null),
                refused("null", Rule.NOT_AN_OBJECT, null),
                // field-level rules name the flattened key
                refused("{\"user_id\": \"u\", \"device_type\": \"a\", \"device\": {\"type\": \"b\"}}", Rule.DUPLICATE_FIELD, "device_type"),
                refused("{\"user\": {\"id\": \"u\"}, \"user_id\": \"u\"}", Rule.DUPLICATE_FIELD, "user_id"),
                refused("{\"user_id\": \"u\", \"ip\": null, \"ip\": \"1.2.3.4\"}", Rule.DUPLICATE_KEY, null),
                refused("{\"user_id\": \"u\", \"locale\": null, \"loc\": 1, \"locale\": \"x\"}", Rule.DUPLICATE_KEY, null),
                refused("{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"123\"}", Rule.MISSING_FIELD, "user_id"),
                refused("{}", Rule.MISSING_FIELD, "user_id"),
                refused("{\"user_id\": null}", Rule.MISSING_FIELD, "user_id"),
                refused("{\"User_Id\": \"u\"}", Rule.MISSING_FIELD, "user_id"),
                refused("{\"user_id\": \"\"}", Rule.EMPTY_FIELD, "user_id"),
                refused("{\"user_id\": {}}", Rule.NOT_A_SCALAR, "user_id"),
                refused("{\"user_id\": {\"value\": \"u\"}}", Rule.NOT_A_SCALAR, "user_id"),
                refused("{\"user_id\": [\"u\"]}", Rule.NOT_A_SCALAR, "user_id"),
                refused("{\"user_id\": \"u\", \"device_type\": [\"ios\"]}", Rule.NOT_A_SCALAR, "device_type"),
                refused("{\"user_id\": \"u\", \"device\": {\"type\": []}}", Rule.NOT_A_SCALAR, "device_type"),
                refused("{\"user_id\": \"u\", \"locale\": {\"lang\": \"ru\"}}", Rule.NOT_A_SCALAR, "locale"),
                refused("{\"user_id\": \"u\", \"ip\": [\"1.2.3.4\"]}", Rule.NOT_A_SCALAR, "ip"),
                refused("{\"user_id\": \"u\", \"device_id\": {}}", Rule.NOT_A_SCALAR, "device_id"),
                refused("{\"user_id\": \"u\", \"app_version\": [2, 3, 0]}", Rule.NOT_A_SCALAR, "app_version"),
                refused("{\"user_id\": \"u\", \"create_date\": {\"year\": 2024}}", Rule.NOT_A_SCALAR, "create_date"),
                refused("{\"user_id\": \"u\", \"timestamp\": [1706745600]}", Rule.NOT_A_SCALAR, "timestamp"),
                refused("{\"user_id\": \"u\\u0000\"}", Rule.NUL_CHARACTER, "user_id"),
                refused("{\"user_id\": \"u\", \"device_type\": \"\\u0000\"}", Rule.NUL_CHARACTER, "device_type"),
                refused("{\"user_id\": \"u\", \"locale\": \"ru\\u0000\"}", Rule.NUL_CHARACTER, "locale"),
                refused("{\"user_id\": \"u\", \"ip\": \"1.2.3.4\\u0000\"}", Rule.NUL_CHARACTER, "ip"),
                refused("{\"user_id\": \"u\", \"device_id\": \"\\u0000\"}", Rule.NUL_CHARACTER, "device_id"),
                refused("{\"user_id\": \"u\", \"app_version\": \"2\\u0000\"}", Rule.NUL_CHARACTER, "app_version"),
                refused("{\"user_id\": \"u\", \"create_date\": \"2024-01-31\\u0000\"}", Rule.NUL_CHARACTER, "create_date"),
                refused("{\"user_id\": \"\\ud83d\"}", Rule.NOT_UTF8, "user_id"),
                refused("{\"user_id\": \"u\", \"device_id\": \"\\ude00x\"}", Rule.NOT_UTF8, "device_id"),
                refused("{\"user_id\": \"u\", \"app_version\": \"1.\"}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"user_id\": \"u\", \"app_version\": \"v2.3.0\"}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"user_id\": \"u\", \"app_version\": 1e3}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"user_id\": \"u\", \"app_version\": -1}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"user_id\": \"u\", \"app_version\": true}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"user_id\": \"u\", \"app_version\": \"\"}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"user_id\": \"u\", \"create_date\": \"yesterday\"}", Rule.BAD_DATE, "create_date"),
                refused("{\"user_id\": \"u\", \"create_date\": \"\"}", Rule.BAD_DATE, "create_date"),
                refused("{\"user_id\": \"u\", \"create_date\": true}", Rule.BAD_DATE, "create_date"),
                refused("{\"user_id\": \"u\", \"create_date\": \"0000-12-31\"}", Rule.BAD_DATE, "create_date"),
                refused("{\"user_id\": \"u\", \"create_date\": \"bad\", \"timestamp\": 1706745600}", Rule.BAD_DATE, "create_date"),
                refused("{\"user_id\": \"u\", \"timestamp\": 1.7e9}", Rule.BAD_DATE, "timestamp"),
                refused("{\"user_id\": \"u\", \"timestamp\": 253402300800000}", Rule.BAD_DATE, "timestamp"));
    }

    @ParameterizedTest(name = "[{index}] {1} on {2}")
    @MethodSource("refusedBodies")
    void refusesWithTheRuleAndFieldButNeverTheValue(String body, Rule rule, String field) {
        assertThat(parser.parse(body, SENT_AT)).isEqualTo(new LoginParseResult.Rejected(new Rejection(rule, field)));
    }

    static Stream<Arguments> codePointLimits() {
        return Stream.of(
                limit("user_id", "a", 128),
                limit("user_id", EMOJI, 128),
                limit("device_type", "a", 32),
                limit("device_type", EMOJI, 32),
                limit("locale", "a", 32),
                limit("locale", EMOJI, 32),
                // ip and device_id are limited to 160 UTF-8 bytes: 160 ASCII chars, 80 two-byte, 40 four-byte
                limit("ip", "a", 160),
                limit("ip", "\u00e9", 80),
                limit("ip", EMOJI, 40),
                limit("device_id", "a", 160),
                limit("device_id", "\u00e9", 80),
                limit("device_id", EMOJI, 40));
    }

    @ParameterizedTest(name = "{0}: {2} x \"{1}\" fits, one more is too long")
    @MethodSource("codePointLimits")
    void lengthLimitsAreExactAndNeverTruncate(String field, String unit, int max) {
        String atLimit = bodyWith(field, unit.repeat(max));
        String overLimit = bodyWith(field, unit.repeat(max + 1));

        assertThat(parser.parse(atLimit, SENT_AT)).isInstanceOf(LoginParseResult.Accepted.class);
        assertThat(parser.parse(overLimit, SENT_AT)).isEqualTo(new LoginParseResult.Rejected(new Rejection(Rule.TOO_LONG, field)));
    }

    /** A minimal valid body whose {@code field} is the string {@code value}. */
    private static String bodyWith(String field, String value) {
        String member = "\"" + field + "\": \"" + value + "\"";
        return field.equals("user_id") ? "{" + member + "}" : "{\"user_id\": \"u\", " + member + "}";
    }

    @Test
    void ipLengthIsMeasuredAfterTrimming() {
        String padded = "{\"user_id\": \"u\", \"ip\": \"  " + "a".repeat(160) + "  \"}";

        assertThat(parser.parse(padded, SENT_AT)).isInstanceOf(LoginParseResult.Accepted.class);
    }

    @ParameterizedTest(name = "{0} levels of nesting")
    @ValueSource(ints = {33, 10_000})
    void deepNestingIsALimitNotAStackOverflow(int depth) {
        String objects = "{\"user_id\": \"u\", \"x\": " + "{\"a\": ".repeat(depth - 1) + "1" + "}".repeat(depth);
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String unclosed = "{\"a\": ".repeat(depth);

        assertThat(parser.parse(objects, SENT_AT)).isEqualTo(bodyRejected(Rule.LIMIT_EXCEEDED));
        assertThat(parser.parse(arrays, SENT_AT)).isEqualTo(bodyRejected(Rule.LIMIT_EXCEEDED));
        assertThat(parser.parse(unclosed, SENT_AT)).isEqualTo(bodyRejected(Rule.LIMIT_EXCEEDED));
    }

    @Test
    void thirtyTwoLevelsOfNestingAreAllowed() {
        String body = "{\"user_id\": \"u\", \"x\": " + "{\"a\": ".repeat(30) + "1" + "}".repeat(31);

        assertThat(parser.parse(body, SENT_AT)).isEqualTo(new LoginParseResult.Accepted(
                new LoginEvent("u", null, null, null, null, null, LoginEventParserTest.SENT_DATE), 1));
    }

    @Test
    void numbersLongerThanOneHundredCharsAreALimit() {
        String longest = "{\"user_id\": \"u\", \"n\": " + "9".repeat(100) + "}";
        String tooLong = "{\"user_id\": \"u\", \"n\": " + "9".repeat(101) + "}";

        assertThat(parser.parse(longest, SENT_AT)).isInstanceOf(LoginParseResult.Accepted.class);
        assertThat(parser.parse(tooLong, SENT_AT)).isEqualTo(bodyRejected(Rule.LIMIT_EXCEEDED));
    }

    @Test
    void bodiesOverOneMebiCharAreALimit() {
        String prefix = "{\"user_id\": \"u\", \"pad\": \"";
        String suffix = "\"}";
        String largest = prefix + "x".repeat(LoginEventParser.MAX_BODY_CHARS - prefix.length() - suffix.length()) + suffix;
        String tooLarge = prefix + "x".repeat(LoginEventParser.MAX_BODY_CHARS - prefix.length() - suffix.length() + 1) + suffix;

        assertThat(largest).hasSize(1_048_576);
        assertThat(parser.parse(largest, SENT_AT)).isInstanceOf(LoginParseResult.Accepted.class);
        assertThat(parser.parse(tooLarge, SENT_AT)).isEqualTo(bodyRejected(Rule.LIMIT_EXCEEDED));
    }

    static Stream<Arguments> competingRules() {
        return Stream.of(
                refused("[\ud800", Rule.NOT_UTF8, null),
                refused("[" + " ".repeat(LoginEventParser.MAX_BODY_CHARS), Rule.LIMIT_EXCEEDED, null),
                refused("[1, 2", Rule.NOT_JSON, null),
                refused("[{\"a\": 1, \"a\": 2}]", Rule.DUPLICATE_KEY, null),
                refused("{\"a\": 1, \"a\": 2, \"b\": }", Rule.DUPLICATE_KEY, null),
                refused("{\"a\": }, \"a\": 2", Rule.NOT_JSON, null),
                refused("{\"device_type\": \"a\", \"device\": {\"type\": \"b\"}} x", Rule.NOT_JSON, null),
                refused("{\"device_type\": \"a\", \"device\": {\"type\": \"b\"}}", Rule.DUPLICATE_FIELD, "device_type"),
                refused("{\"app_version\": \"x\", \"user_id\": \"\"}", Rule.EMPTY_FIELD, "user_id"),
                refused("{\"app_version\": \"x\", \"user_id\": \"u\", \"device_type\": [1]}", Rule.NOT_A_SCALAR, "device_type"),
                refused("{\"create_date\": \"x\", \"app_version\": \"x\", \"user_id\": \"u\"}", Rule.BAD_APP_VERSION, "app_version"),
                refused("{\"device_id\": [], \"ip\": [], \"user_id\": \"u\"}", Rule.NOT_A_SCALAR, "ip"),
                refused("{\"user_id\": \"\\u0000" + "a".repeat(200) + "\"}", Rule.NUL_CHARACTER, "user_id"),
                refused("{\"user_id\": \"\\ud800" + "a".repeat(200) + "\"}", Rule.NOT_UTF8, "user_id"));
    }

    @ParameterizedTest(name = "[{index}] {1} wins")
    @MethodSource("competingRules")
    void firstRuleInTheDocumentedOrderWins(String body, Rule rule, String field) {
        assertThat(parser.parse(body, SENT_AT)).isEqualTo(new LoginParseResult.Rejected(new Rejection(rule, field)));
    }

    private static Arguments refused(String body, Rule rule, String field) {
        return Arguments.of(body, rule, field);
    }

    private static Arguments limit(String field, String unit, int max) {
        return Arguments.of(field, unit, max);
    }

    private static LoginParseResult bodyRejected(Rule rule) {
        return new LoginParseResult.Rejected(new Rejection(rule, null));
    }
}
