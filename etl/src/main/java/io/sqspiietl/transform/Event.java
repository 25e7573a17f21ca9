package io.sqspiietl.transform;

import io.sqspiietl.contract.Contract;
import java.util.Objects;

/**
 * One valid event as read from a message, before masking: a value for each column of its contract.
 *
 * <p>Values are coerced to their column's type: {@code String} (text, ip, and ip-prefix networks),
 * {@code Integer} (integer, version), {@code Long} (bigint), {@link java.math.BigDecimal} (numeric),
 * {@code Boolean}, {@link java.time.LocalDate} (date) and {@link java.time.Instant} (timestamptz), or
 * null. A dropped column's value is always null: it is validated and forgotten. Keyed columns still
 * hold their originals, which is why {@link #toString()} shows no value at all.
 *
 * @param contract the contract that took the message
 * @param values   the values, in the order of {@link Contract#columns()}; owned by the event, never
 *                 modified after it is built
 */
public record Event(Contract contract, Object[] values) {
    public Event {
        Objects.requireNonNull(contract, "contract");
        if (values.length != contract.columns().size()) {
            throw new IllegalArgumentException("an event holds one value per column of its contract");
        }
    }

    /** The value of the column at {@code index} of the contract's columns. */
    public Object value(int index) {
        return values[index];
    }

    @Override
    public String toString() {
        return "Event[contract=" + contract.name() + ", " + values.length + " values]";
    }
}
