package io.sqspiietl.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event type and the table it loads: which messages it takes, and how each column is read,
 * checked and protected. {@link ContractReader} builds it from a contract file and checks every rule
 * the Javadoc of its parts states.
 *
 * <p>Immutable, and compared by identity: a run reads each contract once and every stage shares it,
 * so stages key what they derive from it (a {@code COPY} statement, the maskers of its columns) on
 * the instance, and the lists below are computed once.
 */
public final class Contract {
    private final String name;
    private final String table;
    private final Optional<MatchRule> match;
    private final String subject;
    private final List<Column> columns;
    private final List<Column> storedColumns;
    private final StatsSpec stats;

    /**
     * @param name    the contract's name, recorded with what it quarantines; a lower-case identifier
     * @param table   the table, {@code name} or {@code schema.name}, lower-case identifiers
     * @param match   which messages it takes; empty for a contract that takes those no other one does
     * @param subject the stored column that says whose data a row is (reveal {@code --where} matches
     *                it), or null
     * @param columns the columns in the order they are checked (the first failure wins) and written
     * @param stats   what {@code stats} reports of the table
     */
    public Contract(String name, String table, Optional<MatchRule> match, String subject, List<Column> columns,
                    StatsSpec stats) {
        this.name = Objects.requireNonNull(name, "name");
        this.table = Objects.requireNonNull(table, "table");
        this.match = Objects.requireNonNull(match, "match");
        this.subject = subject;
        this.columns = List.copyOf(columns);
        this.storedColumns = this.columns.stream().filter(Column::isStored).toList();
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    public String name() {
        return name;
    }

    public String table() {
        return table;
    }

    public Optional<MatchRule> match() {
        return match;
    }

    /** The stored column that says whose data a row is, or null. */
    public String subject() {
        return subject;
    }

    /** Every column, in the order they are checked. */
    public List<Column> columns() {
        return columns;
    }

    /** The columns in the table, in the contract's order: what a row holds and {@code COPY} writes. */
    public List<Column> storedColumns() {
        return storedColumns;
    }

    /** The stored columns whose values are keyed masks, in the contract's order. */
    public List<Column> keyedColumns() {
        return columns.stream().filter(column -> column.policy().isKeyed()).toList();
    }

    /** The column named {@code columnName}. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    public StatsSpec stats() {
        return stats;
    }

    /** Shows what the contract is, not its columns. */
    @Override
    public String toString() {
        return "Contract[" + name + " -> " + table + match.map(rule -> ", match " + rule).orElse("") + "]";
    }
}
