package io.sqspiietl.masking;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.Policy;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the keyed privacy policies of the run's contracts: turns an event's values into what its
 * table stores, each {@code mask} column's value masked by {@link MaskingKeyset#fieldMasker()}, each
 * {@code hmac} column's by {@link MaskingKeyset#hmacMasker()}, under the column's {@link MaskDomain}.
 * Other stored values pass as they are ({@code ip-prefix} networks are worked out by the transform,
 * which needs no key); dropped columns are left out. Immutable and thread-safe.
 */
public final class ColumnMasking {
    /** What happens to one stored column: the index of its value in the event, and its masker if it is keyed. */
    private record Step(int valueIndex, FieldMasker masker, MaskDomain domain) {
    }

    private final Map<Contract, Step[]> steps = new IdentityHashMap<>();

    /**
     * @throws KeysetException when a contract has an {@code hmac} column and the keyset holds no HMAC key
     */
    public ColumnMasking(Contracts contracts, MaskingKeyset keyset) throws KeysetException {
        for (Contract contract : contracts.all()) {
            steps.put(contract, steps(contract, keyset));
        }
    }

    private static Step[] steps(Contract contract, MaskingKeyset keyset) throws KeysetException {
        List<Column> columns = contract.columns();
        Step[] steps = new Step[contract.storedColumns().size()];
        int stored = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (column.isStored()) {
                FieldMasker masker = column.policy().isKeyed() ? masker(contract, column, keyset) : null;
                steps[stored++] = new Step(i, masker, masker == null ? null : MaskDomain.of(column.maskDomain()));
            }
        }
        return steps;
    }

    private static FieldMasker masker(Contract contract, Column column, MaskingKeyset keyset) throws KeysetException {
        if (column.policy() == Policy.MASK) {
            return keyset.fieldMasker();
        }
        return keyset.hmacMasker().orElseThrow(() -> new KeysetException("contract " + contract.name() + " column "
                + column.name() + " has policy hmac, but the keyset holds no HMAC key (it predates hmac columns); "
                + "'keys rotate' adds one"));
    }

    /**
     * The values {@code contract}'s table stores for an event.
     *
     * @param values the event's values, one per column of the contract
     * @return one value per stored column, in the contract's order; a new array
     */
    public Object[] storedValues(Contract contract, Object[] values) {
        Step[] plan = steps.get(contract);
        Object[] stored = new Object[plan.length];
        for (int i = 0; i < plan.length; i++) {
            Step step = plan[i];
            Object value = values[step.valueIndex()];
            stored[i] = step.masker() == null || value == null ? value : step.masker().mask(step.domain(), (String) value);
        }
        return stored;
    }
}
