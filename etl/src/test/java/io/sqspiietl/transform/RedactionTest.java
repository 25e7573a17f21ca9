package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Nothing that may hold a message value shows it in a string form. */
class RedactionTest {

    private static final String SECRET = "593-47-5928";

    @Test
    void anEventShowsItsContractAndHowManyValuesButNoValue() {
        Event event = new Event(LoginEvent.LOGIN.all().get(0),
                new Object[] {"u", "ios", "RU", SECRET, SECRET, 2_003_000, LocalDate.of(2024, 1, 31)});

        assertThat(event).hasToString("Event[contract=login, 7 values]");
    }

    @Test
    void aDeliveryShowsTheLengthOfItsBodyOnly() {
        Instant sentAt = Instant.parse("2024-03-01T12:00:00Z");
        Delivery delivery = new Delivery("m-1", "{\"device_id\": \"" + SECRET + "\"}", sentAt, 2, sentAt);

        assertThat(delivery).hasToString("Delivery[messageId=m-1, sentAt=2024-03-01T12:00:00Z, receiveCount=2, body=<28 chars>]");
    }

    @Test
    void fieldValueShowsOnlyItsKind() {
        assertThat(FieldValue.scalar(SECRET)).hasToString("FieldValue[kind=SCALAR]");
    }

    @Test
    void rejectionCarriesRuleFieldAndStageOnly() {
        RejectedMessageException rejected = RejectedMessageException.atField(Rule.TOO_LONG, "device_id");

        assertThat(rejected).hasMessage("too_long on device_id");
        assertThat(rejected.getStackTrace()).isEmpty();
        assertThat(rejected.rejection()).hasToString("Rejection[rule=TOO_LONG, field=device_id, stage=VALIDATE]");
    }

    @Test
    void snsNotificationShowsTheLengthOfItsMessageOnly() {
        SnsNotification notification = new SnsNotification("sns-1", "arn:aws:sns:us-east-1:1:t",
                "{\"device_id\": \"" + SECRET + "\"}", Instant.parse("2024-03-01T12:00:00Z"));

        assertThat(notification).hasToString("SnsNotification[messageId=sns-1, topicArn=arn:aws:sns:us-east-1:1:t, "
                + "publishedAt=2024-03-01T12:00:00Z, message=<28 chars>]");
    }
}
