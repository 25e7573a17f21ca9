package io.sqspiietl.keys;

import io.sqspiietl.masking.MaskedField;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * What to reveal, and who reveals it why, as the audit records it.
 *
 * @param field    the field the masked values belong to
 * @param operator who reveals
 * @param reason   why, as the operator stated it
 * @param source   where the masked values come from
 */
public record RevealRequest(MaskedField field, String operator, String reason, Source source) {
    public RevealRequest {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
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
     * The stored values of the users whose {@code user_id} matches a {@code LIKE} pattern ({@code %}
     * and {@code _} are wildcards); each is printed after its user's id.
     */
    public record Database(String userIdPattern) implements Source {
        @Override
        public String auditName() {
            return "database";
        }
    }
}
