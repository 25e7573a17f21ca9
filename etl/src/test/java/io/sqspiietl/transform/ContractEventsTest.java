package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.TestContracts;
import io.sqspiietl.transform.Rejection.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Events of a contract other than the login: its types, policies, metadata and the routing of a mixed queue. */
class ContractEventsTest {
    private static final Instant SENT_AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant LOADED_AT = Instant.parse("2026-03-02T10:00:05Z");
    private static final String ORDER = """
            contract: order
            table: orders
            match: {event_type: order}
            columns:
              - {name: order_id, type: text, max_length: 8, required: true}
              - {name: total, type: numeric, precision: 6, scale: 2, required: true}
              - {name: items, type: integer}
              - {name: grams, type: bigint}
              - {name: gift, type: boolean}
              - {name: ordered_at, source: [ordered_at, timestamp], type: timestamptz, default: sent_time}
              - {name: day, type: date}
              - {name: network, source: ip, type: ip, policy: ip-prefix}
              - {name: email, type: text, max_bytes: 40, policy: mask}
              - {name: card, type: text, policy: drop}
              - {name: message_id, meta: sqs_message_id}
              - {name: receive_count, meta: sqs_receive_count}
              - {name: topic, meta: sns_topic_arn}
              - {name: loaded_at, meta: load_time}
            """;
    private static final String VISIT = """
            contract: visit
            table: visits
            match: {event_type: visit}
            columns: [{name: page, type: text, required: true}]
            """;

    private final Contracts contracts = TestContracts.parseAll(ORDER, VISIT);
    private final MessageReader reader = new MessageReader(contracts, SnsEnvelopeMode.AUTO);

    @Test
    void eachTypeIsReadFromItsJsonTextAndCoercedToItsValue() {
        Event event = accept("""
                {"event_type": "order", "order_id": "o-1", "total": "12.50", "items": 3, "grams": "9000000000",
                 "gift": true, "ordered_at": "2026-03-01T23:30:00-02:00", "day": 1709251200, "ip": " 10.1.2.3 ",
                 "email": "ana@example.com", "card": "4111 1111 1111 1111"}""");

        assertThat(Arrays.asList(event.values()).subList(0, 10)).containsExactly("o-1", new BigDecimal("12.50"), 3,
                9_000_000_000L, true, Instant.parse("2026-03-02T01:30:00Z"), LocalDate.of(2024, 3, 1), "10.1.2.0/24",
                "ana@example.com", null);
    }

    @Test
    void metadataColumnsHoldWhereTheMessageCameFromAndWhenItWasLoaded() {
        Event raw = accept("{\"event_type\": \"order\", \"order_id\": \"o-1\", \"total\": 1}");
        MessageReader.Reading wrapped = reader.read(delivery(SnsEnvelopes.envelope("sns-9",
                "{\"event_type\": \"order\", \"order_id\": \"o-2\", \"total\": 1}")));
        Event viaSns = ((ParseResult.Accepted) wrapped.result()).event();

        assertThat(Arrays.asList(raw.values()).subList(10, 14)).containsExactly("sqs-1", 2, null, LOADED_AT);
        assertThat(raw.value(5)).as("ordered_at defaults to the SQS send time").isEqualTo(SENT_AT);
        assertThat(Arrays.asList(viaSns.values()).subList(10, 14))
                .containsExactly("sqs-1", 2, SnsEnvelopes.TOPIC_ARN, LOADED_AT);
        assertThat(viaSns.value(5)).as("and through SNS to the publish time")
                .isEqualTo(Instant.parse(SnsEnvelopes.TIMESTAMP));
    }

    @Test
    void anIpv6AddressKeepsItsSlash48AndAnEmptyMaskedValueIsNoValue() {
        Event event = accept("{\"event_type\": \"order\", \"order_id\": \"o\", \"total\": 0, \"ip\": \"2001:DB8:AB:CD::1\", \"email\": \"\"}");

        assertThat(event.value(7)).isEqualTo("2001:db8:ab::/48");
        assertThat(event.value(8)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            three decimals       | "total": "1.005"          | BAD_NUMERIC   | total
            too many digits      | "total": 10000            | BAD_NUMERIC   | total
            exponent             | "total": 1e2              | ok            |
            huge exponent        | "total": 1e999999999      | BAD_NUMERIC   | total
            fraction for integer | "items": 1.5              | BAD_INTEGER   | items
            integer out of range | "items": 2147483648       | BAD_INTEGER   | items
            text for integer     | "items": "three"          | BAD_INTEGER   | items
            bigint out of range  | "grams": 9223372036854775808 | BAD_INTEGER | grams
            yes for boolean      | "gift": "yes"             | BAD_BOOLEAN   | gift
            string true          | "gift": "true"            | ok            |
            bad time             | "ordered_at": "yesterday" | BAD_TIMESTAMP | ordered_at
            null time, bad other | "ordered_at": null, "timestamp": "x" | BAD_TIMESTAMP | timestamp
            year 10000           | "ordered_at": "+10000-01-01T00:00:00Z" | BAD_TIMESTAMP | ordered_at
            bad date             | "day": "2026-02-30"       | BAD_DATE      | day
            host name prefix     | "ip": "example.com"       | BAD_IP        | ip
            email too long       | "email": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" | TOO_LONG | email
            dropped but checked  | "card": {"number": 1}     | NOT_A_SCALAR  | card
            empty required       | "order_id": ""            | EMPTY_FIELD   | order_id
            """)
    void aValueItsColumnCannotHoldIsRefusedNamingTheField(String name, String member, String rule, String field) {
        // The required fields, unless the case gives one of them itself.
        String required = (member.startsWith("\"order_id\"") ? "" : "\"order_id\": \"o-1\", ")
                + (member.startsWith("\"total\"") ? "" : "\"total\": 1, ");
        ParseResult result = reader.read(delivery("{\"event_type\": \"order\", " + required + member + "}")).result();

        if (rule.equals("ok")) {
            assertThat(result).as(name).isInstanceOf(ParseResult.Accepted.class);
        } else {
            assertThat(result).as(name).isEqualTo(new ParseResult.Rejected(new Rejection(Rule.valueOf(rule), field), "order"));
        }
    }

    @Test
    void eachMessageGoesToTheContractItsMatchFieldNames() {
        assertThat(accept("{\"event_type\": \"visit\", \"page\": \"/home\"}").contract().name()).isEqualTo("visit");
        assertThat(accept("{\"event_type\": \"order\", \"order_id\": \"o\", \"total\": 1}").contract().name()).isEqualTo("order");
    }

    @Test
    void aMessageNoContractTakesIsRefusedAtRouteNamingTheMatchFieldOnly() {
        for (String body : List.of("{\"event_type\": \"refund\", \"secret\": \"x\"}", "{\"page\": \"/\"}",
                "{\"event_type\": {\"name\": \"visit\"}}", "{\"event_type\": null}")) {
            assertThat(reader.read(delivery(body)).result()).as(body).isEqualTo(new ParseResult.Rejected(
                    new Rejection(Rule.NO_CONTRACT, "event_type", Stage.ROUTE), null));
        }
    }

    @Test
    void aMatchFieldGivenTwiceIsADuplicateBeforeAnyRouting() {
        assertThat(reader.read(delivery("{\"event_type\": \"visit\", \"event\": {\"type\": \"order\"}}")).result())
                .isEqualTo(new ParseResult.Rejected(new Rejection(Rule.DUPLICATE_FIELD, "event_type"), null));
    }

    @Test
    void fieldsOnlyAnotherContractReadsAreUnknownToThisOne() {
        ParseResult result = reader.read(delivery("{\"event_type\": \"visit\", \"page\": \"/\", \"total\": 3, \"x\": 1}")).result();

        assertThat(((ParseResult.Accepted) result).unknownFields()).isEqualTo(2);
    }

    @Test
    void aDuplicateOfAFieldOnlyAnotherContractReadsDoesNotRefuseThisOne() {
        ParseResult result = reader.read(delivery("{\"event_type\": \"visit\", \"page\": \"/\", \"total\": 3, \"tot\": {\"al\": 4}}"))
                .result();

        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
    }

    private Event accept(String body) {
        ParseResult result = reader.read(delivery(body)).result();
        assertThat(result).as(body).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) result).event();
    }

    private static Delivery delivery(String body) {
        return new Delivery("sqs-1", body, SENT_AT, 2, LOADED_AT);
    }
}
