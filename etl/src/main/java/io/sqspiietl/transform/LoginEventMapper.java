package io.sqspiietl.transform;

import static io.sqspiietl.transform.RejectedMessageException.atField;

import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * Applies the column rules to the mapped values of a flattened message and builds the event.
 *
 * <p>Fields are checked in a fixed order, so a message breaking several rules is always refused for
 * the same one: {@code user_id}, {@code device_type}, {@code locale}, {@code ip}, {@code device_id},
 * {@code app_version}, then the date. Within a field: {@link Rule#MISSING_FIELD}, {@link
 * Rule#NOT_A_SCALAR}, {@link Rule#NUL_CHARACTER}, {@link Rule#NOT_UTF8}, {@link Rule#EMPTY_FIELD},
 * {@link Rule#TOO_LONG}, then the field's own format rule. Stateless and thread-safe.
 */
final class LoginEventMapper {

    static final int USER_ID_MAX_CODE_POINTS = 128;
    static final int SHORT_TEXT_MAX_CODE_POINTS = 32;

    private LoginEventMapper() {
    }

    /**
     * Builds the event of {@code message}.
     *
     * @param sentAt the SQS send time, whose UTC date is used when the message carries no date; null
     *               when the queue gave none
     * @throws RejectedMessageException naming the first rule broken, in the order documented above
     */
    static LoginEvent toEvent(FlatMessage message, Instant sentAt) throws RejectedMessageException {
        String userId = userId(message);
        String deviceType = shortText(message, MappedKey.DEVICE_TYPE);
        String locale = shortText(message, MappedKey.LOCALE);
        String ip = ip(message);
        String deviceId = deviceId(message);
        Integer appVersion = appVersion(message);
        LocalDate createDate = createDate(message, sentAt);
        return new LoginEvent(userId, deviceType, ip, deviceId, locale, appVersion, createDate);
    }

    private static String userId(FlatMessage message) throws RejectedMessageException {
        String userId = text(message, MappedKey.USER_ID);
        if (userId == null) {
            throw atField(Rule.MISSING_FIELD, MappedKey.USER_ID);
        }
        if (userId.isEmpty()) {
            throw atField(Rule.EMPTY_FIELD, MappedKey.USER_ID);
        }
        return requireCodePointsAtMost(USER_ID_MAX_CODE_POINTS, userId, MappedKey.USER_ID);
    }

    /** An optional short text column, kept exactly as sent, even when empty. */
    private static String shortText(FlatMessage message, MappedKey key) throws RejectedMessageException {
        String text = text(message, key);
        return text == null ? null : requireCodePointsAtMost(SHORT_TEXT_MAX_CODE_POINTS, text, key);
    }

    /** Trimmed and canonical, so that every spelling of one address masks to the same value. */
    private static String ip(FlatMessage message) throws RejectedMessageException {
        String ip = text(message, MappedKey.IP);
        if (ip == null || ip.isBlank()) {
            return null;
        }
        String canonical = IpCanonicalizer.canonicalize(ip.strip());
        return requireUtf8BytesAtMost(LoginEvent.MAX_MASKABLE_UTF8_BYTES, canonical, MappedKey.IP);
    }

    private static String deviceId(FlatMessage message) throws RejectedMessageException {
        String deviceId = text(message, MappedKey.DEVICE_ID);
        if (deviceId == null || deviceId.isEmpty()) {
            return null;
        }
        return requireUtf8BytesAtMost(LoginEvent.MAX_MASKABLE_UTF8_BYTES, deviceId, MappedKey.DEVICE_ID);
    }

    private static Integer appVersion(FlatMessage message) throws RejectedMessageException {
        String version = text(message, MappedKey.APP_VERSION);
        if (version == null) {
            return null;
        }
        OptionalInt encoded = AppVersionCodec.encode(version);
        if (encoded.isEmpty()) {
            throw atField(Rule.BAD_APP_VERSION, MappedKey.APP_VERSION);
        }
        return encoded.getAsInt();
    }

    /**
     * From {@code create_date}, or from {@code timestamp} when {@code create_date} is absent or null;
     * the field not chosen is not looked at. Without either, the UTC date of {@code sentAt}; without
     * that too the event has no date, and the loader's clock is never one.
     */
    private static LocalDate createDate(FlatMessage message, Instant sentAt) throws RejectedMessageException {
        MappedKey source = holdsValue(message, MappedKey.CREATE_DATE) ? MappedKey.CREATE_DATE : MappedKey.TIMESTAMP;
        String date = text(message, source);
        if (date == null) {
            if (sentAt == null) {
                throw atField(Rule.MISSING_SENT_TIMESTAMP, MappedKey.CREATE_DATE);
            }
            return CreateDates.utcDateOf(sentAt);
        }
        return CreateDates.parse(date).orElseThrow(() -> atField(Rule.BAD_DATE, source));
    }

    private static boolean holdsValue(FlatMessage message, MappedKey key) {
        FieldValue value = message.get(key);
        return value != null && value.kind() != FieldValue.Kind.NULL;
    }

    /**
     * The scalar text under {@code key}, or null when it is absent or JSON null.
     *
     * @throws RejectedMessageException when the value is an object or array, or holds a character
     *     PostgreSQL text cannot store: U+0000, or a lone surrogate from a JSON escape such as <code>&#92;ud800</code>
     */
    private static String text(FlatMessage message, MappedKey key) throws RejectedMessageException {
        FieldValue value = message.get(key);
        if (value == null || value.kind() == FieldValue.Kind.NULL) {
            return null;
        }
        if (value.kind() == FieldValue.Kind.CONTAINER) {
            throw atField(Rule.NOT_A_SCALAR, key);
        }
        String text = value.text();
        if (text.indexOf('\u0000') >= 0) {
            throw atField(Rule.NUL_CHARACTER, key);
        }
        if (!UnicodeText.isWellFormed(text)) {
            throw atField(Rule.NOT_UTF8, key);
        }
        return text;
    }

    private static String requireCodePointsAtMost(int limit, String text, MappedKey key)
            throws RejectedMessageException {
        // A string never has more code points than chars, so only one longer than the limit needs counting.
        if (text.length() > limit && UnicodeText.codePointCount(text) > limit) {
            throw atField(Rule.TOO_LONG, key);
        }
        return text;
    }

    private static String requireUtf8BytesAtMost(int limit, String text, MappedKey key)
            throws RejectedMessageException {
        if (UnicodeText.utf8Length(text) > limit) {
            throw atField(Rule.TOO_LONG, key);
        }
        return text;
    }
}
