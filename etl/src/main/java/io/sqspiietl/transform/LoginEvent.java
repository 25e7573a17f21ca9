package io.sqspiietl.transform;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One valid login event as read from a message, before masking.
 *
 * <p>Instances are produced by {@link LoginEventParser}, which guarantees the column limits of the
 * data contract; this record itself only insists on the two values every row must have. {@link
 * #toString()} redacts {@code ip} and {@code deviceId}, so an event may be logged.
 *
 * @param userId     non-empty, at most 128 code points; never null
 * @param deviceType as sent (possibly empty), at most 32 code points; null when absent
 * @param ip         trimmed, in canonical text form when it is an IP literal, at most {@value
 *                   #MAX_MASKABLE_UTF8_BYTES} UTF-8 bytes; null when absent or blank. Personal data:
 *                   mask before storing
 * @param deviceId   as sent, at most {@value #MAX_MASKABLE_UTF8_BYTES} UTF-8 bytes; null when absent
 *                   or empty. Personal data: mask before storing
 * @param locale     as sent (possibly empty), at most 32 code points; null when absent
 * @param appVersion encoded by {@code AppVersionCodec}; null when absent
 * @param createDate UTC date of the event, or of the SQS send time when the body has none; never null
 */
public record LoginEvent(
        String userId,
        String deviceType,
        String ip,
        String deviceId,
        String locale,
        Integer appVersion,
        LocalDate createDate) {

    /**
     * The longest {@code ip} or {@code device_id}, in UTF-8 bytes, so that its mask fits the
     * {@code varchar(256)} masked columns. A deterministic mask is unpadded base64url (4 characters
     * per 3 bytes) of the value plus 21 bytes, Tink's 5-byte key prefix and AES-SIV's 16-byte
     * synthetic IV, so at most 171 bytes would fit; an hmac mask is 50 characters whatever the
     * value. The contract keeps to 160 bytes, whose masks take at most 242 characters.
     */
    public static final int MAX_MASKABLE_UTF8_BYTES = 160;

    public LoginEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createDate, "createDate");
    }

    /** Shows every component except {@code ip} and {@code deviceId}, whose presence alone is shown. */
    @Override
    public String toString() {
        return "LoginEvent[userId=" + userId
                + ", deviceType=" + deviceType
                + ", ip=" + redacted(ip)
                + ", deviceId=" + redacted(deviceId)
                + ", locale=" + locale
                + ", appVersion=" + appVersion
                + ", createDate=" + createDate + "]";
    }

    private static String redacted(String value) {
        return value == null ? "null" : "<redacted>";
    }
}
