package io.sqspiietl.transform;

import static io.sqspiietl.transform.SnsEnvelopes.envelope;
import static io.sqspiietl.transform.SnsEnvelopes.json;
import static io.sqspiietl.transform.SnsEnvelopes.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.transform.LoginMessageReader.Reading;
import io.sqspiietl.transform.Rejection.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Envelopes that are no usable notification, refused under the SQS MessageId with the member at
 * fault; and events inside valid ones that are refused under the SNS key.
 */
class SnsEnvelopeRejectionTest {
    private static final String SQS_ID = "6f1c9e1c-2b0a-4c4e-9d7e-4b8b2c1e0a11";
    private static final String SNS_ID = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324";
    private static final Instant SENT_AT = Instant.parse("2024-05-06T07:08:09Z");
    private static final String EVENT = "{\"user_id\": \"u-1\"}";

    private final LoginMessageReader reader = new LoginMessageReader(SnsEnvelopeMode.AUTO);

    static Stream<Arguments> badEnvelopes() {
        return Stream.of(
                bad("Type", members -> members.remove("Type")),
                bad("Type", members -> members.put("Type", null)),
                bad("Type", members -> members.put("Type", 1)),
                bad("Type", members -> members.put("Type", "SubscriptionConfirmation")),
                bad("Type", members -> members.put("Type", "UnsubscribeConfirmation")),
                bad("Type", members -> members.put("Type", "notification")),
                bad("MessageId", members -> members.remove("MessageId")),
                bad("MessageId", members -> members.put("MessageId", 42)),
                bad("MessageId", members -> members.put("MessageId", "")),
                bad("MessageId", members -> members.put("MessageId", "m".repeat(125))),
                bad("MessageId", members -> members.put("MessageId", "two words")),
                bad("MessageId", members -> members.put("MessageId", "tab\tid")),
                bad("MessageId", members -> members.put("MessageId", "caf\u00e9")),
                bad("MessageId", members -> members.put("MessageId", "nul\u0000")),
                bad("TopicArn", members -> members.put("TopicArn", null)),
                bad("TopicArn", members -> members.put("TopicArn", List.of("arn"))),
                bad("Timestamp", members -> members.remove("Timestamp")),
                bad("Timestamp", members -> members.put("Timestamp", 1709337599999L)),
                bad("Timestamp", members -> members.put("Timestamp", "2024-03-01")),
                bad("Timestamp", members -> members.put("Timestamp", "2024-03-01T23:59:59")),
                bad("Timestamp", members -> members.put("Timestamp", "2024-02-30T00:00:00Z")),
                bad("Timestamp", members -> members.put("Timestamp", "+10000-01-01T00:00:00Z")),
                bad("Timestamp", members -> members.put("Timestamp", "9999-12-31T23:00:00-02:00")),
                bad("Message", members -> members.remove("Message")),
                bad("Message", members -> members.put("Message", null)),
                bad("Message", members -> members.put("Message", Map.of("user_id", "u-1"))),
                bad("Message", members -> members.put("Message", 7)),
                // the first failing member in the documented order wins
                bad("Type", members -> {
                    members.put("Type", "SubscriptionConfirmation");
                    members.remove("MessageId");
                }),
                bad("MessageId", members -> {
                    members.remove("MessageId");
                    members.remove("Message");
                }),
                bad("Timestamp", members -> {
                    members.put("Timestamp", "yesterday");
                    members.put("Message", 1);
                }));
    }

    @ParameterizedTest
    @MethodSource("badEnvelopes")
    void badEnvelopeIsRefusedUnderTheSqsMessageIdNamingTheMember(String body, String member) {
        assertThat(reader.read(SQS_ID, body, SENT_AT)).isEqualTo(badEnvelope(member));
    }

    @Test
    void repeatedTopLevelKeyMakesTheWholeEnvelopeBadWhicheverKeyItIs() {
        String valid = envelope(SNS_ID, EVENT);
        String repeatedMessageId = valid.replace("{\"Type\"", "{\"MessageId\":\"other\",\"Type\"");
        String repeatedSignature = valid.replace("{\"Type\"", "{\"Signature\":\"x\",\"Type\"");

        assertThat(reader.read(SQS_ID, repeatedMessageId, SENT_AT)).isEqualTo(badEnvelope(null));
        assertThat(reader.read(SQS_ID, repeatedSignature, SENT_AT)).isEqualTo(badEnvelope(null));
    }

    @Test
    void repeatedKeyInsideTheMessageIsTheEventsDuplicateKey() {
        String body = envelope(SNS_ID, "{\"user_id\": \"a\", \"user_id\": \"b\"}");

        assertThat(reader.read(SQS_ID, body, SENT_AT)).isEqualTo(inner(Rule.DUPLICATE_KEY, "Message", Stage.PARSE));
    }

    static Stream<Arguments> refusedEvents() {
        return Stream.of(
                Arguments.of("", Rule.NOT_AN_OBJECT, "Message", Stage.PARSE),
                Arguments.of("not json", Rule.NOT_JSON, "Message", Stage.PARSE),
                Arguments.of("[1]", Rule.NOT_AN_OBJECT, "Message", Stage.PARSE),
                Arguments.of("{\"user_id\": \"\ud800\"}", Rule.NOT_UTF8, "Message", Stage.PARSE),
                Arguments.of("{\"user_id\": \"u\", \"n\": " + "[".repeat(40) + "]".repeat(40) + "}",
                        Rule.LIMIT_EXCEEDED, "Message", Stage.PARSE),
                Arguments.of("{\"foo\": \"oops_wrong_msg_type\"}", Rule.MISSING_FIELD, "user_id", Stage.VALIDATE),
                Arguments.of("{\"user_id\": \"u\", \"app_version\": \"x\"}", Rule.BAD_APP_VERSION, "app_version", Stage.VALIDATE),
                Arguments.of("{\"user_id\": \"u\", \"create_date\": \"x\"}", Rule.BAD_DATE, "create_date", Stage.VALIDATE));
    }

    @ParameterizedTest
    @MethodSource("refusedEvents")
    void eventRefusedInsideAValidNotificationIsKeyedByTheSnsMessageId(String event, Rule rule, String field, Stage stage) {
        assertThat(reader.read(SQS_ID, envelope(SNS_ID, event), SENT_AT)).isEqualTo(inner(rule, field, stage));
    }

    private static Arguments bad(String member, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> members = notification(SNS_ID, EVENT);
        breakIt.accept(members);
        return Arguments.of(json(members), member);
    }

    private static Reading badEnvelope(String member) {
        return new Reading(SQS_ID, new LoginParseResult.Rejected(new Rejection(Rule.BAD_ENVELOPE, member, Stage.UNWRAP)));
    }

    private static Reading inner(Rule rule, String field, Stage stage) {
        return new Reading("sns:" + SNS_ID, new LoginParseResult.Rejected(new Rejection(rule, field, stage)));
    }
}
