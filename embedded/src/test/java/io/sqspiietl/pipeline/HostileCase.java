package io.sqspiietl.pipeline;

import java.time.LocalDate;
import java.util.List;

/**
 * One hostile message body and the exact outcome the data contract demands for it, under the ledger
 * key it demands: the SQS MessageId, or {@code sns:} and {@code snsMessageId} when that is not null
 * (a valid SNS notification, see {@link HostileEnvelopes}).
 *
 * <p>Bodies are written with a backtick for each JSON double quote (see {@link #json}) so that the
 * Java escaping stays readable; a Java {@code "\\u0000"} is the six-character JSON escape, while a
 * Java {@code "\u00e9"} is the character itself. SQS cannot carry every byte sequence: a body must
 * be valid Unicode without NUL, other C0 controls but tab/LF/CR, U+FFFE/U+FFFF or lone surrogates,
 * and at least one character long. Those inputs therefore arrive as JSON escapes, which is how a
 * sender can still smuggle them in.
 */
record HostileCase(String name, String body, Outcome expected, String snsMessageId) {

    /** The key the message's outcome must be recorded under, given the MessageId SQS gave it. */
    String ledgerKey(String sqsMessageId) {
        return snsMessageId == null ? sqsMessageId : "sns:" + snsMessageId;
    }

    /** What must become of a case's message. */
    sealed interface Outcome permits Loaded, Quarantined {
    }

    /**
     * The {@code user_logins} row the message must produce, {@code ip} and {@code deviceId} as revealed.
     *
     * @param createDate the expected date, or null for the UTC date of the message's SentTimestamp
     */
    record Loaded(String userId, String deviceType, String ip, String deviceId, String locale,
                  Integer appVersion, LocalDate createDate) implements Outcome {
        Loaded withDeviceType(String value) {
            return new Loaded(userId, value, ip, deviceId, locale, appVersion, createDate);
        }

        Loaded withIp(String value) {
            return new Loaded(userId, deviceType, value, deviceId, locale, appVersion, createDate);
        }

        Loaded withDeviceId(String value) {
            return new Loaded(userId, deviceType, ip, value, locale, appVersion, createDate);
        }

        Loaded withLocale(String value) {
            return new Loaded(userId, deviceType, ip, deviceId, value, appVersion, createDate);
        }

        Loaded withAppVersion(int value) {
            return new Loaded(userId, deviceType, ip, deviceId, locale, value, createDate);
        }

        Loaded withCreateDate(LocalDate value) {
            return new Loaded(userId, deviceType, ip, deviceId, locale, appVersion, value);
        }
    }

    /** The quarantine entry the message must produce; {@code field} is null when the whole body is at fault. */
    record Quarantined(String reason, String field) implements Outcome {
        /** The stage the contract assigns: the envelope's rules, then the event as a whole, then its fields. */
        String stage() {
            if (reason.equals("bad_envelope")) {
                return "unwrap";
            }
            return field == null || field.equals("Message") ? "parse" : "validate";
        }
    }

    /** The display name of the parameterized test. */
    @Override
    public String toString() {
        return name;
    }

    /** SQS's classic maximum message size; the whole body below is exactly this many UTF-8 bytes. */
    static final int SQS_MAX_BODY_BYTES = 262_144;

    private static final String GRIN = "\uD83D\uDE00"; // U+1F600: 1 code point, 2 UTF-16 units, 4 UTF-8 bytes
    private static final String DOUBLE_STRUCK_X = "\uD835\uDD4F"; // U+1D54F, also outside the BMP
    private static final String TECHNOLOGIST = "\uD83D\uDC69\u200D\uD83D\uDCBB"; // two emoji joined by U+200D
    private static final String FLAG = "\uD83C\uDDF9\uD83C\uDDFC"; // two regional indicator symbols
    private static final String DESERET = "\uD801\uDC37"; // U+10437, a letter outside the BMP
    private static final String U_AND_COMBINING_DIAERESIS = "u\u0308"; // one glyph, two code points
    private static final String E_ACUTE = "\u00e9"; // 2 UTF-8 bytes
    private static final String EURO = "\u20ac"; // 3 UTF-8 bytes

    static final List<HostileCase> CORPUS = List.of(
            // Envelope: what is not one UTF-8 JSON object. An empty body cannot be sent (SQS minimum is 1 char).
            rejects("escaped lone high surrogate in user_id is not UTF-8",
                    json("{`user_id`: `h-\\ud800`}"), "not_utf8", "user_id"),
            rejects("escaped lone low surrogate in device_id is not UTF-8",
                    json("{`user_id`: `h-x`, `device_id`: `\\udc00abc`}"), "not_utf8", "device_id"),
            loads("escaped surrogate pair in user_id is one emoji", json("{`user_id`: `h-\\ud83d\\ude00`}"), row("h-" + GRIN)),
            loads("escaped lone surrogate in an unknown field is ignored",
                    json("{`user_id`: `h-unknown-surrogate`, `note`: `\\ud800`}"), row("h-unknown-surrogate")),
            rejectsBody("whitespace-only body is not an object", " \n\t\r ", "not_an_object"),
            rejectsBody("truncated JSON is not JSON", json("{`user_id`: `h-trunc`, `ip`: `10."), "not_json"),
            rejectsBody("array body is not an object", json("[{`user_id`: `h-array`}]"), "not_an_object"),
            rejectsBody("string body is not an object", json("`h-string`"), "not_an_object"),
            rejectsBody("number body is not an object", "42", "not_an_object"),
            rejectsBody("null body is not an object", "null", "not_an_object"),
            rejects("empty object lacks user_id", "{}", "missing_field", "user_id"),
            rejectsBody("second object after the first is not JSON", json("{`user_id`: `h-a`} {`user_id`: `h-b`}"), "not_json"),
            rejectsBody("single-quoted JSON is not JSON", "{'user_id': 'h-single'}", "not_json"),
            rejectsBody("trailing comma is not JSON", json("{`user_id`: `h-comma`,}"), "not_json"),
            rejectsBody("comment is not JSON", json("{/* c */ `user_id`: `h-comment`}"), "not_json"),
            rejectsBody("NaN is not JSON", json("{`user_id`: `h-nan`, `n`: NaN}"), "not_json"),
            rejectsBody("raw tab inside a string is not JSON", json("{`user_id`: `h-raw\ttab`}"), "not_json"),
            loads("raw line breaks between tokens are whitespace",
                    json("\r\n{\n`user_id`\r\n:\t`h-newlines`\n}\n"), row("h-newlines")),
            loads("body of exactly 256 KiB with a large unknown field loads",
                    bodyOfUtf8Length(SQS_MAX_BODY_BYTES), row("h-256-kib")),

            // Parser bounds: nesting, numbers.
            loads("unknown object nested to the depth limit of 32 loads", nestedUnknown("h-depth-32", 32), row("h-depth-32")),
            rejectsBody("unknown object nested 33 deep exceeds the limit", nestedUnknown("h-depth-33", 33), "limit_exceeded"),
            rejectsBody("objects nested 10,000 deep exceed the limit", nestedUnknown("h-deep", 10_000), "limit_exceeded"),
            rejectsBody("arrays nested 10,000 deep exceed the limit", "[".repeat(10_000) + "]".repeat(10_000), "limit_exceeded"),
            loads("100-digit number in an unknown field loads",
                    json("{`user_id`: `h-100-digits`, `n`: " + "9".repeat(100) + "}"), row("h-100-digits")),
            rejectsBody("101-digit number exceeds the limit",
                    json("{`user_id`: `h-101-digits`, `n`: " + "9".repeat(101) + "}"), "limit_exceeded"),
            loads("huge exponent in an unknown field is never evaluated",
                    json("{`user_id`: `h-exponent`, `n`: 1e999999999}"), row("h-exponent")),
            loads("huge integer user_id is kept as written",
                    json("{`user_id`: 123456789012345678901234567890}"), row("123456789012345678901234567890")),
            loads("float user_id is kept as written", json("{`user_id`: -0.0E+10}"), row("-0.0E+10")),
            loads("boolean user_id is kept as written", json("{`user_id`: true}"), row("true")),
            rejects("100-digit app_version is a bad version",
                    json("{`user_id`: `h-x`, `app_version`: " + "1".repeat(100) + "}"), "bad_app_version", "app_version"),
            rejects("huge timestamp number is a bad date",
                    json("{`user_id`: `h-x`, `timestamp`: 1e300}"), "bad_date", "timestamp"),

            // NUL and other control characters.
            rejects("NUL in user_id", json("{`user_id`: `h-\\u0000`}"), "nul_character", "user_id"),
            rejects("NUL in locale", json("{`user_id`: `h-x`, `locale`: `en\\u0000`}"), "nul_character", "locale"),
            loads("NUL in an unknown field is ignored",
                    json("{`user_id`: `h-unknown-nul`, `x`: `\\u0000`}"), row("h-unknown-nul")),
            loads("escaped control characters in device_type are kept",
                    json("{`user_id`: `h-controls`, `device_type`: `\\u0001\\u001f\\u007f\\b\\f`}"),
                    row("h-controls").withDeviceType("\u0001\u001f\u007f\b\f")),
            loads("escaped line breaks and tab in user_id are kept", json("{`user_id`: `h-line\\nbreak\\ttab\\rcr`}"),
                    row("h-line\nbreak\ttab\rcr")),

            // SQL, COPY and array-literal metacharacters must arrive verbatim.
            loads("SQL injection in user_id is stored verbatim",
                    json("{`user_id`: `h-'); DROP TABLE user_logins; --`}"), row("h-'); DROP TABLE user_logins; --")),
            loads("quotes and backslashes in user_id and device_id are stored verbatim",
                    json("{`user_id`: `h-q\\`\\\\N\\\\.\\\\\\\\`, `device_id`: `C:\\\\dev\\\\0\\\\N`}"),
                    row("h-q\"\\N\\.\\\\").withDeviceId("C:\\dev\\0\\N")),
            loads("array-literal syntax in device_type and the word NULL in locale are plain text",
                    json("{`user_id`: `h-{a,\\`b\\`}`, `device_type`: `{NULL,\\`}`, `locale`: `NULL`}"),
                    row("h-{a,\"b\"}").withDeviceType("{NULL,\"}").withLocale("NULL")),
            loads("empty device_type and locale are stored empty, not NULL",
                    json("{`user_id`: `h-empty-texts`, `device_type`: ``, `locale`: ``}"),
                    row("h-empty-texts").withDeviceType("").withLocale("")),
            loads("spaces around device_type and device_id are kept",
                    json("{`user_id`: ` h-padded `, `device_type`: `  ios  `, `device_id`: ` d-1 `}"),
                    row(" h-padded ").withDeviceType("  ios  ").withDeviceId(" d-1 ")),
            loads("user_id of one space is not empty", json("{`user_id`: ` `}"), row(" ")),

            // Text outside the BMP.
            loads("non-BMP text in every text field is stored and revealed exactly",
                    json("{`user_id`: `h-" + TECHNOLOGIST + "`, `device_type`: `" + DOUBLE_STRUCK_X + "`, `locale`: `" + FLAG
                            + "`, `ip`: `" + GRIN + "`, `device_id`: `" + DESERET + "`, `" + GRIN + "`: 1}"),
                    row("h-" + TECHNOLOGIST).withDeviceType(DOUBLE_STRUCK_X).withLocale(FLAG).withIp(GRIN).withDeviceId(DESERET)),

            // Lengths: code points for user_id, device_type, locale; UTF-8 bytes for ip, device_id.
            loads("user_id of 128 non-BMP code points (256 UTF-16 units) is at the limit",
                    field("user_id", GRIN.repeat(128)), row(GRIN.repeat(128))),
            rejects("user_id of 129 code points is too long", field("user_id", "u".repeat(128) + GRIN), "too_long", "user_id"),
            loads("device_type of 32 non-BMP code points is at the limit",
                    json("{`user_id`: `h-type-32`, `device_type`: `" + DOUBLE_STRUCK_X.repeat(32) + "`}"),
                    row("h-type-32").withDeviceType(DOUBLE_STRUCK_X.repeat(32))),
            rejects("device_type of 33 code points is too long",
                    json("{`user_id`: `h-x`, `device_type`: `" + "d".repeat(33) + "`}"), "too_long", "device_type"),
            loads("locale of 32 code points in 16 glyphs is at the limit",
                    json("{`user_id`: `h-locale-32`, `locale`: `" + U_AND_COMBINING_DIAERESIS.repeat(16) + "`}"),
                    row("h-locale-32").withLocale(U_AND_COMBINING_DIAERESIS.repeat(16))),
            rejects("locale of 33 code points is too long",
                    json("{`user_id`: `h-x`, `locale`: `" + E_ACUTE.repeat(33) + "`}"), "too_long", "locale"),
            loads("ip of 160 UTF-8 bytes in 40 code points is at the limit",
                    json("{`user_id`: `h-ip-160`, `ip`: `" + GRIN.repeat(40) + "`}"), row("h-ip-160").withIp(GRIN.repeat(40))),
            loads("ip of 160 bytes is measured after trimming",
                    json("{`user_id`: `h-ip-160-padded`, `ip`: `  " + "a".repeat(160) + " \\t`}"),
                    row("h-ip-160-padded").withIp("a".repeat(160))),
            rejects("ip of 161 UTF-8 bytes in 81 code points is too long",
                    json("{`user_id`: `h-x`, `ip`: `" + E_ACUTE.repeat(80) + "x`}"), "too_long", "ip"),
            loads("device_id of 160 UTF-8 bytes in 54 code points is at the limit",
                    json("{`user_id`: `h-device-160`, `device_id`: `" + EURO.repeat(53) + "x`}"),
                    row("h-device-160").withDeviceId(EURO.repeat(53) + "x")),
            rejects("device_id of 161 UTF-8 bytes in 41 code points is too long",
                    json("{`user_id`: `h-x`, `device_id`: `" + GRIN.repeat(40) + "x`}"), "too_long", "device_id"),

            // Wrong types in every field.
            rejects("object user_id is not a scalar", json("{`user_id`: {`id`: `h-x`}}"), "not_a_scalar", "user_id"),
            rejects("array user_id is not a scalar", json("{`user_id`: [`h-x`]}"), "not_a_scalar", "user_id"),
            rejects("null user_id is missing", json("{`user_id`: null, `ip`: `10.0.0.1`}"), "missing_field", "user_id"),
            rejects("empty user_id is empty", json("{`user_id`: ``}"), "empty_field", "user_id"),
            rejects("upper-case USER_ID is another key, so user_id is missing",
                    json("{`USER_ID`: `h-x`}"), "missing_field", "user_id"),
            rejects("array device_type is not a scalar",
                    json("{`user_id`: `h-x`, `device_type`: []}"), "not_a_scalar", "device_type"),
            rejects("object locale is not a scalar", json("{`user_id`: `h-x`, `locale`: {}}"), "not_a_scalar", "locale"),
            rejects("array ip is not a scalar", json("{`user_id`: `h-x`, `ip`: [`10.0.0.1`]}"), "not_a_scalar", "ip"),
            rejects("object device_id is not a scalar",
                    json("{`user_id`: `h-x`, `device`: {`id`: {}}}"), "not_a_scalar", "device_id"),
            rejects("array app_version is not a scalar",
                    json("{`user_id`: `h-x`, `app_version`: [2, 3]}"), "not_a_scalar", "app_version"),
            rejects("object create_date is not a scalar",
                    json("{`user_id`: `h-x`, `create_date`: {}}"), "not_a_scalar", "create_date"),
            rejects("array timestamp is not a scalar", json("{`user_id`: `h-x`, `timestamp`: [0]}"), "not_a_scalar", "timestamp"),
            loads("booleans and numbers in text fields are kept as written",
                    json("{`user_id`: `h-scalars`, `device_type`: true, `locale`: false, `ip`: 3232235777, `device_id`: 1.50}"),
                    row("h-scalars").withDeviceType("true").withLocale("false").withIp("3232235777").withDeviceId("1.50")),
            rejects("boolean app_version is a bad version",
                    json("{`user_id`: `h-x`, `app_version`: true}"), "bad_app_version", "app_version"),
            rejects("boolean create_date is a bad date",
                    json("{`user_id`: `h-x`, `create_date`: false}"), "bad_date", "create_date"),

            // Check order: the first failing field in contract order wins, wherever it sits in the body.
            rejects("too long device_type wins over a later-checked locale written first",
                    json("{`locale`: [], `device_type`: `" + "d".repeat(33) + "`, `user_id`: `h-x`}"), "too_long", "device_type"),
            rejects("empty user_id wins over a bad app_version",
                    json("{`app_version`: `x`, `user_id`: ``}"), "empty_field", "user_id"),
            rejects("bad app_version wins over a bad date",
                    json("{`create_date`: `x`, `app_version`: `x`, `user_id`: `h-x`}"), "bad_app_version", "app_version"),

            // Duplicates and key spelling.
            rejectsBody("repeated user_id key is a duplicate key", json("{`user_id`: `h-a`, `user_id`: `h-b`}"), "duplicate_key"),
            rejectsBody("repeated unknown key is a duplicate key", json("{`user_id`: `h-x`, `a`: 1, `a`: 1}"), "duplicate_key"),
            rejectsBody("repeated key inside device is a duplicate key",
                    json("{`user_id`: `h-x`, `device`: {`id`: `1`, `id`: `2`}}"), "duplicate_key"),
            rejectsBody("escaped spelling of a repeated key is a duplicate key",
                    json("{`user_id`: `h-a`, `user\\u005fid`: `h-b`}"), "duplicate_key"),
            rejects("device_type and device.type flatten to the same field",
                    json("{`user_id`: `h-x`, `device_type`: `ios`, `device`: {`type`: `android`}}"),
                    "duplicate_field", "device_type"),
            loads("nested user.id and device.* flatten to their columns",
                    json("{`user`: {`id`: `h-nested`}, `device`: {`type`: `ios`, `id`: `d-9`}}"),
                    row("h-nested").withDeviceType("ios").withDeviceId("d-9")),

            // IP addresses: trimmed and canonical when they are literals, kept as sent otherwise.
            ip("ip-v6-full", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ip("ip-v6-upper", "FE80::ABCD", "fe80::abcd"),
            ip("ip-v6-tie", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ip("ip-v6-single-zero", "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ip("ip-v6-unspecified", "0:0:0:0:0:0:0:0", "::"),
            ip("ip-v4-mapped", "::ffff:192.0.2.128", "192.0.2.128"),
            ip("ip-v4-mapped-hex", " ::FFFF:C000:0280 ", "192.0.2.128"),
            ip("ip-v4-mapped-full", "0:0:0:0:0:FFFF:192.000.002.128", "192.0.2.128"),
            ip("ip-v4-compatible", "::192.0.2.128", "::c000:280"),
            ip("ip-v4-padded", "\\t 010.001.000.009 \\n", "10.1.0.9"),
            ip("ip-v4-out-of-range", "256.1.1.1", "256.1.1.1"),
            ip("ip-v6-zone", "fe80::1%eth0", "fe80::1%eth0"),
            ip("ip-fullwidth-digits", "\uff11\uff10.0.0.1", "\uff11\uff10.0.0.1"),
            ip("ip-blank", "   ", null),
            ip("ip-empty", "", null),
            loads("empty device_id is absent", json("{`user_id`: `h-device-empty`, `device_id`: ``}"), row("h-device-empty")),

            // app_version: every shape, then every way to be out of range or malformed.
            version("7", "`7`", 7_000_000),
            version("2.3", "`2.3`", 2_003_000),
            version("2.3.4", "`2.3.4`", 2_003_004),
            version("0.96", "`0.96`", 96_000),
            version("2.00", "`2.00`", 2_000_000),
            version("0.0.0", "`0.0.0`", 0),
            version("2146.999.999", "`2146.999.999`", 2_146_999_999),
            version("0007.010.001", "`0007.010.001`", 7_010_001),
            version("number 3", "3", 3_000_000),
            version("number 2.30", "2.30", 2_030_000),
            badVersion("major 2147", "`2147`"),
            badVersion("minor 1000", "`1.1000`"),
            badVersion("patch 1000", "`1.2.1000`"),
            badVersion("five-digit major 00001", "`00001`"),
            badVersion("four parts", "`1.2.3.4`"),
            badVersion("empty", "``"),
            badVersion("v prefix", "`v1.2`"),
            badVersion("empty part", "`1..2`"),
            badVersion("trailing dot", "`1.`"),
            badVersion("leading dot", "`.1`"),
            badVersion("negative", "`-1`"),
            badVersion("padded", "` 1.2`"),
            badVersion("fullwidth digits", "`\uff11.\uff12`"),
            badVersion("number 1e3", "1e3"),

            // Dates: every accepted form, the boundaries, the fallbacks, then bad forms.
            date("date", "`2024-02-29`", LocalDate.of(2024, 2, 29)),
            date("date-time with negative offset crossing midnight", "`2024-01-31T23:30:00-02:00`", LocalDate.of(2024, 2, 1)),
            date("date-time with positive offset crossing midnight", "`2024-03-10T01:15:00+05:30`", LocalDate.of(2024, 3, 9)),
            date("date-time in UTC with nanoseconds", "`2024-01-31T23:59:59.999999999Z`", LocalDate.of(2024, 1, 31)),
            date("local date-time taken as UTC", "`2024-01-31T23:30:00`", LocalDate.of(2024, 1, 31)),
            date("date-time with a region id", "`2024-01-31T23:30:00+01:00[Europe/Paris]`", LocalDate.of(2024, 1, 31)),
            date("epoch seconds number", "1706745600", LocalDate.of(2024, 2, 1)),
            date("fractional epoch seconds string", "`1706745599.9`", LocalDate.of(2024, 1, 31)),
            date("epoch milliseconds", "1706745599999", LocalDate.of(2024, 1, 31)),
            date("negative fractional epoch seconds", "-0.5", LocalDate.of(1969, 12, 31)),
            date("largest value read as seconds", "99999999999", LocalDate.of(5138, 11, 16)),
            date("smallest value read as milliseconds", "100000000000", LocalDate.of(1973, 3, 3)),
            date("first day of year 1 as epoch seconds", "-62135596800", LocalDate.of(1, 1, 1)),
            date("last day of year 9999 as epoch milliseconds", "253402300799999", LocalDate.of(9999, 12, 31)),
            loads("timestamp is used without create_date", json("{`user_id`: `h-ts`, `timestamp`: 0}"),
                    row("h-ts").withCreateDate(LocalDate.of(1970, 1, 1))),
            loads("timestamp is used when create_date is null",
                    json("{`user_id`: `h-ts-null-date`, `create_date`: null, `timestamp`: `2020-05-17`}"),
                    row("h-ts-null-date").withCreateDate(LocalDate.of(2020, 5, 17))),
            loads("create_date wins and a bad timestamp is not looked at",
                    json("{`user_id`: `h-date-wins`, `timestamp`: `garbage`, `create_date`: `2021-06-30`}"),
                    row("h-date-wins").withCreateDate(LocalDate.of(2021, 6, 30))),
            loads("no date field means the SentTimestamp date", json("{`user_id`: `h-sent-date`}"), row("h-sent-date")),
            badDate("February 30th", "`2024-02-30`"),
            badDate("February 29th of a common year", "`2023-02-29`"),
            badDate("day-first date", "`31/01/2024`"),
            badDate("unpadded month and day", "`2024-1-5`"),
            badDate("empty string", "``"),
            badDate("word", "`yesterday`"),
            badDate("hour 25", "`2024-01-31T25:00:00`"),
            badDate("year 0", "`0000-12-31`"),
            badDate("year 10000", "`+10000-01-01`"),
            badDate("epoch seconds before year 1", "-62135596801"),
            badDate("epoch milliseconds after year 9999", "253402300800000"),
            badDate("19-digit epoch", "1234567890123456789"),
            badDate("epoch with a trailing dot", "`1706745600.`"),
            rejects("bad timestamp without create_date is a bad date", json("{`user_id`: `h-x`, `timestamp`: `noon`}"),
                    "bad_date", "timestamp"));

    private static HostileCase loads(String name, String body, Loaded row) {
        return new HostileCase(name, body, row, null);
    }

    static HostileCase rejects(String name, String body, String reason, String field) {
        return new HostileCase(name, body, new Quarantined(reason, field), null);
    }

    private static HostileCase rejectsBody(String name, String body, String reason) {
        return rejects(name, body, reason, null);
    }

    /** A row with only {@code user_id} set and the SentTimestamp date. */
    static Loaded row(String userId) {
        return new Loaded(userId, null, null, null, null, null, null);
    }

    /** A body whose only field is {@code key}, a JSON string with the given content. */
    private static String field(String key, String content) {
        return json("{`" + key + "`: `" + content + "`}");
    }

    /** Replaces every backtick with a double quote. */
    static String json(String template) {
        return template.replace('`', '"');
    }

    private static HostileCase ip(String userId, String sent, String revealed) {
        return loads("ip `" + sent + "` is stored as " + (revealed == null ? "NULL" : "`" + revealed + "`"),
                json("{`user_id`: `" + userId + "`, `ip`: `" + sent + "`}"), row(userId).withIp(revealed));
    }

    private static HostileCase version(String shape, String jsonValue, int encoded) {
        String userId = "h-version-" + shape;
        return loads("app_version " + shape + " is stored as " + encoded,
                json("{`user_id`: `" + userId + "`, `app_version`: " + jsonValue + "}"), row(userId).withAppVersion(encoded));
    }

    private static HostileCase badVersion(String shape, String jsonValue) {
        return rejects("app_version " + shape + " is a bad version",
                json("{`user_id`: `h-x`, `app_version`: " + jsonValue + "}"), "bad_app_version", "app_version");
    }

    private static HostileCase date(String form, String jsonValue, LocalDate expected) {
        String userId = "h-date-" + form;
        return loads("create_date as " + form + " is " + expected,
                json("{`user_id`: `" + userId + "`, `create_date`: " + jsonValue + "}"), row(userId).withCreateDate(expected));
    }

    private static HostileCase badDate(String form, String jsonValue) {
        return rejects("create_date as " + form + " is a bad date",
                json("{`user_id`: `h-x`, `create_date`: " + jsonValue + "}"), "bad_date", "create_date");
    }

    /** A message whose unknown field {@code n} nests objects until the innermost sits at {@code depth} (root = 1). */
    private static String nestedUnknown(String userId, int depth) {
        return json("{`user_id`: `" + userId + "`, `n`: " + "{`n`: ".repeat(depth - 2) + "{}") + "}".repeat(depth - 1);
    }

    /** A message of exactly {@code bytes} UTF-8 bytes, padded by one large unknown field. */
    private static String bodyOfUtf8Length(int bytes) {
        String head = json("{`user_id`: `h-256-kib`, `padding`: `");
        String tail = json("`}");
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }
}
