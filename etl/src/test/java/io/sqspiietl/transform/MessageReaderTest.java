package io.sqspiietl.transform;

import static io.sqspiietl.transform.SnsEnvelopes.envelope;
import static io.sqspiietl.transform.SnsEnvelopes.json;
import static io.sqspiietl.transform.SnsEnvelopes.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.transform.LoginMessageReader.Reading;
import io.sqspiietl.transform.Rejection.Stage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which bodies are SNS envelopes, what a notification is read as, and under which key. */
class MessageReaderTest {
    private static final String SQS_ID = "6f1c9e1c-2b0a-4c4e-9d7e-4b8b2c1e0a11";
    private static final String SNS_ID = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324";
    private static final Instant SENT_AT = Instant.parse("2024-05-06T07:08:09Z");
    private static final LocalDate SENT_DATE = LocalDate.of(2024, 5, 6);
    private static final LocalDate PUBLISH_DATE = LocalDate.of(2024, 3, 1);
    private static final String EVENT = "{\"user_id\": \"u-1\", \"ip\": \"10.0.0.1\", \"device_id\": \"593-47-5928\"}";

    private final LoginMessageReader auto = new LoginMessageReader(SnsEnvelopeMode.AUTO);
    private final LoginMessageReader off = new LoginMessageReader(SnsEnvelopeMode.OFF);

    @Test
    void rawEventIsReadUnderItsSqsMessageIdWithTheSentDate() {
        assertThat(auto.read(SQS_ID, EVENT, SENT_AT)).isEqualTo(new Reading(SQS_ID, accepted(SENT_DATE)));
    }

    @Test
    void notificationIsUnwrappedUnderItsNamespacedSnsMessageIdWithThePublishDate() {
        assertThat(auto.read(SQS_ID, envelope(SNS_ID, EVENT), SENT_AT))
                .isEqualTo(new Reading("sns:" + SNS_ID, accepted(PUBLISH_DATE)));
    }

    @Test
    void twoSqsMessagesOfOnePublicationShareTheirKey() {
        String body = envelope(SNS_ID, EVENT);

        assertThat(auto.read("sqs-a", body, SENT_AT).idempotencyKey())
                .isEqualTo(auto.read("sqs-b", body, SENT_AT.plusSeconds(60)).idempotencyKey())
                .isEqualTo("sns:" + SNS_ID);
    }

    @Test
    void theEventsOwnDateWinsOverThePublishDate() {
        String body = envelope(SNS_ID, "{\"user_id\": \"u-1\", \"create_date\": \"2020-02-29\"}");

        assertThat(event(auto.read(SQS_ID, body, SENT_AT)).createDate()).isEqualTo(LocalDate.of(2020, 2, 29));
    }

    @Test
    void publishDateIsTheUtcDateOfTheTimestampWithItsOffset() {
        Map<String, Object> members = notification(SNS_ID, EVENT);
        members.put("Timestamp", "2024-01-31T23:30:00-02:00");

        assertThat(event(auto.read(SQS_ID, json(members), SENT_AT)).createDate()).isEqualTo(LocalDate.of(2024, 2, 1));
    }

    @Test
    void envelopeWithAttributesSubjectAndNestedTypeKeysIsANotification() {
        Map<String, Object> members = notification(SNS_ID, EVENT);
        members.put("Subject", "login");
        members.put("MessageAttributes", Map.of("Type", Map.of("Type", "String", "Value", "login"),
                "MessageId", Map.of("Type", "Number", "Value", "1")));

        assertThat(auto.read(SQS_ID, json(members), SENT_AT)).isEqualTo(new Reading("sns:" + SNS_ID, accepted(PUBLISH_DATE)));
    }

    @Test
    void messageIdOf124CharactersFitsTheLedgerWithItsPrefix() {
        String longest = "m".repeat(124);

        Reading reading = auto.read(SQS_ID, envelope(longest, EVENT), SENT_AT);

        assertThat(reading.idempotencyKey()).hasSize(128).isEqualTo("sns:" + longest);
        assertThat(reading.result()).isInstanceOf(LoginParseResult.Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"user_id\": \"u-1\", \"note\": \"TopicArn\"}",
        "{\"user_id\": \"u-1\", \"meta\": {\"TopicArn\": \"arn\", \"Type\": \"Notification\"}}",
        "{\"user_id\": \"u-1\", \"Topic\\u0041rn\": \"arn\"}",
        "{\"user_id\": \"u-1\", \"list\": [{\"TopicArn\": \"arn\"}]}",
    })
    void eventWithoutATopLevelTopicArnIsNoEnvelope(String body) {
        Reading reading = auto.read(SQS_ID, body, SENT_AT);

        assertThat(reading.idempotencyKey()).isEqualTo(SQS_ID);
        assertThat(event(reading).userId()).isEqualTo("u-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"TopicArn\": \"arn\", \"user_id\": \"u-1\"",
        "{\"TopicArn\": \"arn\", \"user_id\": \"u-1\"} trailing",
        "[{\"TopicArn\": \"arn\"}]",
        "\"TopicArn\"",
    })
    void bodyThatIsNoJsonObjectIsNoEnvelopeAndBreaksTheEventsOwnRules(String body) {
        assertThat(auto.read(SQS_ID, body, SENT_AT)).isEqualTo(new Reading(SQS_ID, off.read(SQS_ID, body, SENT_AT).result()));
        assertThat(((LoginParseResult.Rejected) auto.read(SQS_ID, body, SENT_AT).result()).rejection().stage())
                .isEqualTo(Stage.PARSE);
    }

    @Test
    void loginEventWithATopLevelTopicArnIsAnEnvelope() {
        Reading reading = auto.read(SQS_ID, "{\"user_id\": \"u-1\", \"TopicArn\": \"arn\"}", SENT_AT);

        assertThat(reading).isEqualTo(new Reading(SQS_ID, rejected(new Rejection(Rule.BAD_ENVELOPE, "Type", Stage.UNWRAP))));
    }

    @Test
    void withEnvelopesOffAnEnvelopeIsTheEventAndLacksUserId() {
        assertThat(off.read(SQS_ID, envelope(SNS_ID, EVENT), SENT_AT))
                .isEqualTo(new Reading(SQS_ID, rejected(new Rejection(Rule.MISSING_FIELD, "user_id"))));
    }

    @Test
    void anEnvelopeInsideTheMessageIsNotUnwrappedAgain() {
        String twice = envelope(SNS_ID, envelope("inner-id", EVENT));

        assertThat(auto.read(SQS_ID, twice, SENT_AT))
                .isEqualTo(new Reading("sns:" + SNS_ID, rejected(new Rejection(Rule.MISSING_FIELD, "user_id", Stage.VALIDATE))));
    }

    private static LoginParseResult accepted(LocalDate createDate) {
        return new LoginParseResult.Accepted(new LoginEvent("u-1", null, "10.0.0.1", "593-47-5928", null, null, createDate), 0);
    }

    private static LoginParseResult rejected(Rejection rejection) {
        return new LoginParseResult.Rejected(rejection);
    }

    private static LoginEvent event(Reading reading) {
        assertThat(reading.result()).isInstanceOf(LoginParseResult.Accepted.class);
        return ((LoginParseResult.Accepted) reading.result()).event();
    }
}
