package io.sqspiietl.keys;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.sink.KeyedColumn;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.SinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Binds each keyed column of the database to one kind of mask: a policy and a masking domain. A
 * column that mixed SIV and HMAC masks, or masks of two fields, would silently break duplicate
 * detection, reveal and rekey, so a contract that would do it is refused. The first contract to load
 * a column records it in the masking catalog, which is also how {@code rekey} and {@code reveal} know
 * every keyed column whatever contracts they are given.
 */
public final class ColumnBinding {
    private final MaskingCatalog catalog;

    public ColumnBinding(MaskingCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Records the contracts' keyed columns not yet recorded, then checks every one against the record.
     * Recording first makes concurrent first starts safe: whichever records a column first wins, and
     * the other is refused.
     *
     * @throws ColumnConflictException naming the first keyed column that the database masks otherwise
     */
    public void requireConsistent(Contracts contracts) throws ColumnConflictException, SinkException {
        List<KeyedColumn> mine = keyedColumns(contracts);
        if (mine.isEmpty()) {
            return;
        }
        catalog.recordKeyedColumns(mine);
        Map<String, KeyedColumn> recorded = catalog.keyedColumns().stream()
                .collect(Collectors.toMap(KeyedColumn::qualifiedName, Function.identity()));
        for (KeyedColumn column : mine) {
            KeyedColumn existing = recorded.get(column.qualifiedName());
            if (existing != null && !existing.masksAlike(column)) {
                throw new ColumnConflictException("contract " + column.contract() + " would store " + column.policy()
                        + " masks of field " + column.domain() + " in " + column.qualifiedName() + ", which holds "
                        + existing.policy() + " masks of field " + existing.domain() + " (recorded by contract "
                        + existing.contract() + "); one column never mixes two kinds of mask");
            }
        }
    }

    /** The keyed columns of {@code contracts} as the catalog records them. */
    static List<KeyedColumn> keyedColumns(Contracts contracts) {
        List<KeyedColumn> columns = new ArrayList<>();
        for (Contract contract : contracts.all()) {
            for (Column column : contract.keyedColumns()) {
                columns.add(new KeyedColumn(contract.table(), column.name(), column.policy().code(), column.maskDomain(),
                        contract.subject(), contract.name()));
            }
        }
        return columns;
    }
}
