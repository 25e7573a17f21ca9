package io.sqspiietl.keys;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * What to reveal, and who reveals it why, as the audit records it.
 *
 * @param column   which keyed column the masked values come from
 * @param operator who reveals
 * @param reason   why, as the operator stated it
 * @param source   where the masked values come from
 */
public record RevealRequest(ColumnSelector column, String operator, String reason, Source source) {
    public RevealRequest {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Picks one keyed column of the masking catalog by whatever is given of its table, its name and its
     * field (masking domain); the given parts must fit exactly one. {@code --field ip} alone still picks
     * the login's {@code masked_ip} while no other table masks an {@code ip}.
     *
     * @param table  the table, or null for any
     * @param column the column, or null for any
     * @param field  the masking domain, or null for any
     */
    public record ColumnSelector(String table, String column, String field) {
        public ColumnSelector {
            if (table == null && column == null && field == null) {
                throw new IllegalArgumentException("name the column, its table, or its field");
            }
        }

        /** As the command line gives it, for an error. */
        @Override
        public String toString() {
            return (table == null ? "" : "table " + table + " ") + (column == null ? "" : "column " + column + " ")
                    + (field == null ? "" : "field " + field);
        }
    }

    /** Where the masked values come from. */
    public sealed interface Source {
        /** How the audit table names the source. */
        String auditName();
    }

    /** Masked values given as command-line arguments. */
    public record Arguments(List<String> values) implements Source {
        public Arguments {
            values = List.copyOf(values);
        }

        @Override
        public String auditName() {
            return "arguments";
        }
    }

    /** Masked values read as UTF-8 text, one per line; lines are stripped and blank ones skipped. */
    public record StandardInput(InputStream input) implements Source {
        @Override
        public String auditName() {
            return "stdin";
        }
    }

    /**
     * The stored values of the rows whose subject (the login's {@code user_id}) matches a {@code LIKE}
     * pattern ({@code %} and {@code _} are wildcards); each is printed after its subject.
     */
    public record Database(String subjectPattern) implements Source {
        @Override
        public String auditName() {
            return "database";
        }
    }
}
