package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Nothing that may hold a message value shows it in a string form. */
class RedactionTest {

    private static final String SECRET = "593-47-5928";

    @Test
    void loginEventShowsOnlyWhetherIpAndDeviceIdArePresent() {
        LoginEvent present = new LoginEvent("u", "ios", SECRET, SECRET, "RU", 2_003_000, LocalDate.of(2024, 1, 31));
        LoginEvent absent = new LoginEvent("u", "ios", null, null, "RU", 2_003_000, LocalDate.of(2024, 1, 31));

        assertThat(present).hasToString(
                "LoginEvent[userId=u, deviceType=ios, ip=<redacted>, deviceId=<redacted>, locale=RU, appVersion=2003000, "
                        + "createDate=2024-01-31]");
        assertThat(absent.toString()).contains("ip=null", "deviceId=null");
    }

    @Test
    void fieldValueShowsOnlyItsKind() {
        assertThat(FieldValue.scalar(SECRET)).hasToString("FieldValue[kind=SCALAR]");
    }

    @Test
    void rejectionCarriesRuleFieldAndStageOnly() {
        RejectedMessageException rejected = RejectedMessageException.atField(Rule.TOO_LONG, MappedKey.DEVICE_ID);

        assertThat(rejected).hasMessage("too_long on device_id");
        assertThat(rejected.getStackTrace()).isEmpty();
        assertThat(rejected.rejection()).hasToString("Rejection[rule=TOO_LONG, field=device_id, stage=VALIDATE]");
    }

    @Test
    void snsNotificationShowsTheLengthOfItsMessageOnly() {
        SnsNotification notification = new SnsNotification("sns-1", "{\"device_id\": \"" + SECRET + "\"}",
                Instant.parse("2024-03-01T12:00:00Z"));

        assertThat(notification).hasToString(
                "SnsNotification[messageId=sns-1, publishedAt=2024-03-01T12:00:00Z, message=<28 chars>]");
    }
}
