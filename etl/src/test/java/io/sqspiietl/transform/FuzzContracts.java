package io.sqspiietl.transform;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.Source;
import io.sqspiietl.contract.TestContracts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixed contracts the message fuzz tests read bodies by: the built-in login contract, which takes
 * every message no other one matches, and a contract that uses every type, every policy, every
 * metadata column, alternative sources, a subject and {@code default: sent_time}, matched by
 * {@code event_type: every_type}; together, and the latter alone, which refuses what it does not
 * match as {@code no_contract}. The seed corpus routes bodies to each.
 */
final class FuzzContracts {
    /** Every type, policy and metadata column of {@code docs/contracts.md}. */
    static final String EVERY_TYPE = """
            contract: every_type
            table: every_types
            match: {event_type: every_type}
            subject: account_id
            columns:
              - {name: account_id, source: [account_id, customer_id], type: text, max_length: 64, required: true}
              - {name: note, source: [note, comment], type: text, max_bytes: 200}
              - {name: client_ip, type: ip, max_length: 45}
              - {name: network, source: ip, type: ip, policy: ip-prefix}
              - {name: masked_email, source: customer_email, type: text, max_bytes: 254, policy: mask}
              - {name: masked_address, source: customer_address, type: ip, max_bytes: 160, policy: mask}
              - {name: phone_hash, source: [customer_phone, phone], type: text, max_length: 32, policy: hmac}
              - {name: card_number, source: payment_card_number, type: text, max_length: 32, policy: drop}
              - {name: quantity, type: integer}
              - {name: grams, type: bigint}
              - {name: total, source: order_total, type: numeric, precision: 12, scale: 2}
              - {name: ratio, type: numeric}
              - {name: gift, type: boolean}
              - {name: birthday, type: date}
              - {name: shipped_on, type: date, default: sent_time}
              - {name: ordered_at, source: [ordered_at, timestamp], type: timestamptz, default: sent_time}
              - {name: app_version, type: version}
              - {name: sqs_message_id, meta: sqs_message_id}
              - {name: sqs_sent_time, meta: sqs_sent_time}
              - {name: sqs_receive_count, meta: sqs_receive_count}
              - {name: sns_topic_arn, meta: sns_topic_arn}
              - {name: sns_message_id, meta: sns_message_id}
              - {name: load_time, meta: load_time}
            """;

    private static final Contract EVERY_TYPE_CONTRACT = TestContracts.parse(EVERY_TYPE);
    private static final Contracts LOGIN_AND_EVERY_TYPE = Contracts.of(List.of(login(), EVERY_TYPE_CONTRACT));
    private static final Contracts EVERY_TYPE_ALONE = Contracts.of(EVERY_TYPE_CONTRACT);

    private FuzzContracts() {
    }

    /** The built-in login contract and {@link #EVERY_TYPE}, as one run's set. */
    static Contracts loginAndEveryType() {
        return LOGIN_AND_EVERY_TYPE;
    }

    /** {@link #EVERY_TYPE} alone, as one run's set. */
    static Contracts everyTypeAlone() {
        return EVERY_TYPE_ALONE;
    }

    /** The fields the contracts read, the routing field among them: all a rejection of an event may name. */
    static Set<String> fields() {
        Set<String> fields = new TreeSet<>();
        for (Contract contract : LOGIN_AND_EVERY_TYPE.all()) {
            contract.match().ifPresent(rule -> fields.add(rule.field()));
            for (Column column : contract.columns()) {
                if (column.source() instanceof Source.Fields sources) {
                    fields.addAll(sources.keys());
                }
            }
        }
        return fields;
    }

    /** Every name the contracts give: their fields, contracts, tables and columns. */
    static Set<String> names() {
        Set<String> names = fields();
        for (Contract contract : LOGIN_AND_EVERY_TYPE.all()) {
            names.add(contract.name());
            names.add(contract.table());
            contract.columns().forEach(column -> names.add(column.name()));
        }
        return names;
    }

    /** The fields {@code contract}'s {@code mask} and {@code hmac} columns read: whose raw values it may never show. */
    static Set<String> keyedFields(Contract contract) {
        Set<String> fields = new HashSet<>();
        for (Column column : contract.keyedColumns()) {
            fields.addAll(((Source.Fields) column.source()).keys());
        }
        return fields;
    }

    /** The fields any of {@code contracts} masks. */
    static Set<String> keyedFields(Contracts contracts) {
        Set<String> fields = new HashSet<>();
        contracts.all().forEach(contract -> fields.addAll(keyedFields(contract)));
        return fields;
    }

    private static Contract login() {
        try {
            return ContractReader.read(ContractReader.LOGIN);
        } catch (ContractException e) {
            throw new IllegalStateException(e);
        }
    }
}
