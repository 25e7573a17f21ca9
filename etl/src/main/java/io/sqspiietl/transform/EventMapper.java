package io.sqspiietl.transform;

import static io.sqspiietl.transform.RejectedMessageException.atField;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.Source;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Routes a flattened message to its contract and builds the event by the contract's columns.
 *
 * <p>Routing comes first: {@link Rule#DUPLICATE_FIELD} when the field contracts match on is given
 * twice, then {@link Rule#NO_CONTRACT} when no contract takes the message. Then, for the contract:
 * {@link Rule#DUPLICATE_FIELD} for the first (in document order) of its fields given twice, then the
 * columns in the contract's order, the first failure winning. Within a column: {@link
 * Rule#MISSING_FIELD} (a required column), {@link Rule#NOT_A_SCALAR}, {@link Rule#NUL_CHARACTER},
 * {@link Rule#NOT_UTF8}, then {@link Coercion}'s rules; a missing value that defaults to the send time
 * breaks {@link Rule#MISSING_SENT_TIMESTAMP} when there is none. A column with several fields reads the first
 * that holds a value (anything but absent or JSON {@code null}) and names it in a rejection; the
 * others are not looked at. Immutable and thread-safe.
 */
final class EventMapper {
    /** A contract's columns with the indexes of their fields, worked out once. */
    private record Plan(Contract contract, Column[] columns, int[][] fieldKeys, int[] usedKeys, boolean[] used) {
    }

    private final KeyIndex keys;
    private final Contracts contracts;
    private final int routingKey;
    private final Map<Contract, Plan> plans = new IdentityHashMap<>();

    EventMapper(KeyIndex keys, Contracts contracts) {
        this.keys = keys;
        this.contracts = contracts;
        this.routingKey = contracts.routingField().map(keys::indexOf).orElse(-1);
        for (Contract contract : contracts.all()) {
            plans.put(contract, plan(contract));
        }
    }

    private Plan plan(Contract contract) {
        List<Column> columns = contract.columns();
        int[][] fieldKeys = new int[columns.size()][];
        boolean[] used = new boolean[keys.size()];
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).source() instanceof Source.Fields fields) {
                fieldKeys[i] = fields.keys().stream().mapToInt(keys::indexOf).toArray();
                for (int key : fieldKeys[i]) {
                    used[key] = true;
                }
            }
        }
        if (routingKey >= 0) {
            used[routingKey] = true;
        }
        int[] usedKeys = IntStream.range(0, used.length).filter(key -> used[key]).toArray();
        return new Plan(contract, columns.toArray(Column[]::new), fieldKeys, usedKeys, used);
    }

    /** The contract that takes {@code message}. */
    Contract route(FlatMessage message) throws RejectedMessageException {
        if (routingKey < 0) {
            return contracts.route(null);
        }
        if (message.firstDuplicateOf(new int[] {routingKey}) >= 0) {
            throw atField(Rule.DUPLICATE_FIELD, keys.key(routingKey));
        }
        FieldValue value = message.get(routingKey);
        Contract contract = contracts.route(value != null && value.kind() == FieldValue.Kind.SCALAR ? value.text() : null);
        if (contract == null) {
            throw RejectedMessageException.noContract(keys.key(routingKey));
        }
        return contract;
    }

    /** Builds the event of {@code message} under {@code contract}, which {@link #route} chose. */
    Event map(Contract contract, FlatMessage message, Provenance provenance) throws RejectedMessageException {
        Plan plan = plans.get(contract);
        int duplicate = message.firstDuplicateOf(plan.usedKeys());
        if (duplicate >= 0) {
            throw atField(Rule.DUPLICATE_FIELD, keys.key(duplicate));
        }
        Column[] columns = plan.columns();
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Column column = columns[i];
            Object value = column.source() instanceof Source.Meta meta
                    ? Metadata.value(meta.field(), provenance)
                    : fieldValue(column, plan.fieldKeys()[i], message, provenance);
            values[i] = column.isStored() ? value : null;
        }
        return new Event(contract, values);
    }

    /** The fields of {@code message} that no column of {@code contract} reads, plus those no contract reads. */
    int unknownFields(Contract contract, FlatMessage message) {
        boolean[] used = plans.get(contract).used();
        int unknown = message.unknownFields();
        for (int key = 0; key < used.length; key++) {
            if (!used[key] && message.get(key) != null) {
                unknown++;
            }
        }
        return unknown;
    }

    private Object fieldValue(Column column, int[] fieldKeys, FlatMessage message, Provenance provenance)
            throws RejectedMessageException {
        int chosen = fieldKeys[0];
        for (int key : fieldKeys) {
            if (holdsValue(message.get(key))) {
                chosen = key;
                break;
            }
        }
        FieldValue value = message.get(chosen);
        String key = keys.key(chosen);
        if (!holdsValue(value)) {
            if (column.required()) {
                throw atField(Rule.MISSING_FIELD, key);
            }
            return column.defaultSentTime() ? sentTime(column, keys.key(fieldKeys[0]), provenance) : null;
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
        return Coercion.coerce(column, text, key);
    }

    /**
     * The send time a missing date defaults to; without one (a queue that gave no {@code SentTimestamp})
     * the event has no date, and the loader's clock is never one.
     */
    private static Object sentTime(Column column, String key, Provenance provenance) throws RejectedMessageException {
        if (provenance.sentTime() == null) {
            throw atField(Rule.MISSING_SENT_TIMESTAMP, key);
        }
        return Coercion.sentTime(column, provenance.sentTime());
    }

    private static boolean holdsValue(FieldValue value) {
        return value != null && value.kind() != FieldValue.Kind.NULL;
    }
}
