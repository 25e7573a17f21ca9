package io.sqspiietl.pipeline;

import static io.sqspiietl.pipeline.HostileCase.json;
import static io.sqspiietl.pipeline.HostileCase.rejects;
import static io.sqspiietl.pipeline.HostileCase.row;

import io.sqspiietl.pipeline.HostileCase.Loaded;
import io.sqspiietl.pipeline.HostileCase.Outcome;
import io.sqspiietl.pipeline.HostileCase.Quarantined;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Hostile SNS envelopes (and events that only look like one), each with the exact outcome and ledger
 * key the envelope rule demands: a valid notification is keyed {@code sns:} + its MessageId, anything
 * else by its SQS MessageId. Written with backticks for double quotes, as in {@link HostileCase}.
 */
final class HostileEnvelopes {
    private static final LocalDate PUBLISHED = LocalDate.of(2024, 3, 1); // the UTC date of every Timestamp below
    private static final String MESSAGE_ID_124 = "m".repeat(124);

    static final List<HostileCase> CORPUS = List.of(
            // Valid notifications: the event inside loads under the SNS key, dated by the publish Timestamp.
            unwrapped("notification loads its Message dated by the publish Timestamp",
                    "sns-load", envelope("sns-load", "{`user_id`: `h-sns-load`, `ip`: `10.0.0.1`}"),
                    row("h-sns-load").withIp("10.0.0.1").withCreateDate(PUBLISHED)),
            unwrapped("the event's own create_date wins over the publish Timestamp",
                    "sns-own-date", envelope("sns-own-date", "{`user_id`: `h-sns-own-date`, `create_date`: `2020-05-17`}"),
                    row("h-sns-own-date").withCreateDate(LocalDate.of(2020, 5, 17))),
            unwrapped("publish Timestamp with an offset is dated in UTC", "sns-offset",
                    envelope("sns-offset", "{`user_id`: `h-sns-offset`}", "Timestamp", "`2024-01-31T23:30:00-02:00`"),
                    row("h-sns-offset").withCreateDate(LocalDate.of(2024, 2, 1))),
            unwrapped("attributes with nested Type and MessageId keys are not read", "sns-attributes",
                    envelope("sns-attributes", "{`user_id`: `h-sns-attributes`}", "MessageAttributes",
                            "{`Type`: {`Type`: `String`, `Value`: `x`}, `MessageId`: {`Type`: `String`, `Value`: `y`}}"),
                    row("h-sns-attributes").withCreateDate(PUBLISHED)),
            unwrapped("MessageId of 124 characters fits the ledger with its prefix", MESSAGE_ID_124,
                    envelope(MESSAGE_ID_124, "{`user_id`: `h-sns-id-124`}"), row("h-sns-id-124").withCreateDate(PUBLISHED)),

            // The event inside is refused under the SNS key: as a whole on Message, else on its field.
            unwrappedRejects("Message that is not JSON", "sns-not-json", "not json", "not_json", "Message"),
            unwrappedRejects("empty Message is not an object", "sns-empty", "", "not_an_object", "Message"),
            unwrapped("Message with a lone surrogate, escaped in the envelope, is not UTF-8", "sns-surrogate",
                    envelope("sns-surrogate", "{}", "Message", "`{\\`user_id\\`: \\`h-\\ud800\\`}`"),
                    new Quarantined("not_utf8", "Message")),
            unwrappedRejects("user_id with a lone surrogate escaped in the Message is not UTF-8", "sns-surrogate-field",
                    "{`user_id`: `h-\\ud800`}", "not_utf8", "user_id"),
            unwrappedRejects("Message with a repeated key", "sns-dup", "{`user_id`: `a`, `user_id`: `b`}", "duplicate_key", "Message"),
            unwrappedRejects("Message without user_id", "sns-wrong-type", "{`foo`: `oops_wrong_msg_type`}", "missing_field", "user_id"),
            unwrappedRejects("an envelope inside the Message is not unwrapped again", "sns-twice",
                    envelope("sns-inner", "{`user_id`: `h-sns-twice`}").replace("\"", "`"), "missing_field", "user_id"),

            // Bad envelopes: refused under the SQS MessageId, naming the member at fault.
            badEnvelope("SubscriptionConfirmation", "Type", envelope("sns-x", "{}", "Type", "`SubscriptionConfirmation`")),
            badEnvelope("envelope without Type", "Type", envelope("sns-x", "{}", "Type", null)),
            badEnvelope("numeric Type", "Type", envelope("sns-x", "{}", "Type", "1")),
            badEnvelope("envelope without MessageId", "MessageId", envelope("sns-x", "{}", "MessageId", null)),
            badEnvelope("empty MessageId", "MessageId", envelope("", "{}")),
            badEnvelope("numeric MessageId", "MessageId", envelope("sns-x", "{}", "MessageId", "12345")),
            badEnvelope("MessageId of 125 characters", "MessageId", envelope("m".repeat(125), "{}")),
            badEnvelope("MessageId with a space", "MessageId", envelope("sns x", "{}")),
            badEnvelope("MessageId with an escaped NUL", "MessageId", envelope("sns\\u0000", "{}")),
            badEnvelope("null TopicArn", "TopicArn", envelope("sns-x", "{}", "TopicArn", "null")),
            badEnvelope("envelope without Timestamp", "Timestamp", envelope("sns-x", "{}", "Timestamp", null)),
            badEnvelope("Timestamp without offset", "Timestamp", envelope("sns-x", "{}", "Timestamp", "`2024-03-01T10:00:00`")),
            badEnvelope("Timestamp in epoch milliseconds", "Timestamp", envelope("sns-x", "{}", "Timestamp", "1709337599999")),
            badEnvelope("Timestamp past year 9999 in UTC", "Timestamp",
                    envelope("sns-x", "{}", "Timestamp", "`9999-12-31T23:00:00-02:00`")),
            badEnvelope("envelope without Message", "Message", envelope("sns-x", "{}", "Message", null)),
            badEnvelope("Message that is an object, not a string", "Message",
                    envelope("sns-x", "{}", "Message", "{`user_id`: `h-object-message`}")),
            badEnvelope("null Message", "Message", envelope("sns-x", "{}", "Message", "null")),
            badEnvelope("repeated MessageId key", null,
                    envelope("sns-x", "{`user_id`: `h-repeated`}").replace("{\"Type\"", "{\"MessageId\": \"sns-y\", \"Type\"")),
            badEnvelope("login event with a top-level TopicArn is an envelope", "Type",
                    json("{`user_id`: `h-topic-arn-key`, `TopicArn`: `arn`}")),

            // Not envelopes: events that only mention TopicArn, and broken JSON, follow the event's rules.
            plain("TopicArn as a value is a raw event", json("{`user_id`: `h-topic-value`, `note`: `TopicArn`}"),
                    row("h-topic-value")),
            plain("TopicArn nested in an object is a raw event",
                    json("{`user_id`: `h-topic-nested`, `meta`: {`TopicArn`: `arn`, `Type`: `Notification`}}"), row("h-topic-nested")),
            plain("escaped spelling of TopicArn is a raw event", json("{`user_id`: `h-topic-escaped`, `Topic\\u0041rn`: `arn`}"),
                    row("h-topic-escaped")),
            rejects("truncated envelope is not JSON", envelope("sns-x", "{}").substring(0, 60), "not_json", null));

    private HostileEnvelopes() {
    }

    private static HostileCase unwrapped(String name, String snsMessageId, String body, Outcome expected) {
        return new HostileCase(name, body, expected, snsMessageId);
    }

    private static HostileCase unwrappedRejects(String name, String snsMessageId, String event, String reason, String field) {
        return unwrapped(name, snsMessageId, envelope(snsMessageId, event), new Quarantined(reason, field));
    }

    private static HostileCase badEnvelope(String name, String member, String body) {
        return rejects(name + " is a bad envelope" + (member == null ? "" : " on " + member), body, "bad_envelope", member);
    }

    private static HostileCase plain(String name, String body, Loaded row) {
        return new HostileCase(name, body, row, null);
    }

    /**
     * A notification of {@code event} (its quotes as backticks; encoded into the Message string as a
     * JSON encoder would) with SNS's members, then each override: a member name and its JSON literal
     * (backticks for quotes), or null to leave the member out.
     */
    private static String envelope(String messageId, String event, String... overrides) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("Type", "`Notification`");
        members.put("MessageId", "`" + messageId + "`");
        members.put("TopicArn", "`arn:aws:sns:us-east-1:123456789012:logins`");
        members.put("Message", "`" + event.replace("\\", "\\\\").replace("`", "\\`") + "`");
        members.put("Timestamp", "`2024-03-01T23:59:59.999Z`");
        members.put("SignatureVersion", "`1`");
        members.put("Signature", "`EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6=`");
        for (int i = 0; i < overrides.length; i += 2) {
            members.put(overrides[i], overrides[i + 1]);
        }
        return json(members.entrySet().stream().filter(member -> member.getValue() != null)
                .map(member -> "`" + member.getKey() + "`: " + member.getValue())
                .collect(Collectors.joining(", ", "{", "}")));
    }
}
