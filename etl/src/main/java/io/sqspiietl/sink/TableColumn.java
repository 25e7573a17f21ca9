package io.sqspiietl.sink;

import io.sqspiietl.contract.SqlType;
import java.util.Set;

/**
 * A column of an existing table as PostgreSQL describes it, for the start-up check.
 *
 * @param name      the column's name
 * @param type      its type without modifiers, as {@code format_type} spells it
 * @param length    the declared length of a {@code character varying}, else 0 (none)
 * @param precision the declared precision of a {@code numeric}, else 0 (unconstrained)
 * @param scale     the declared scale of a {@code numeric}
 * @param required  whether it is NOT NULL without a default, so every row must give it a value
 */
record TableColumn(String name, String type, int length, int precision, int scale, boolean required) {
    /** The longest network text of an ip-prefix column: {@code ffff:ffff:ffff::/48}. */
    static final int IP_PREFIX_CHARS = 19;
    private static final String TEXT = "text";
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    /** How a column fits the values a contract's column stores. */
    enum Fit {
        /** It holds every value: the same type, or a wider one. */
        HOLDS,
        /**
         * A type of the same kind that holds fewer values (a shorter text, a smaller number): what fits
         * loads, and PostgreSQL refuses the rest, which is quarantined. A DBA's choice, so only a warning.
         */
        NARROWER,
        /** Another kind of type: no value could load as the contract means it. */
        INCOMPATIBLE
    }

    /** How this column fits the values of {@code expected}. */
    Fit fit(SqlType expected) {
        return switch (expected.name()) {
            case SqlType.VARCHAR, TEXT -> textFit(expected.name().equals(TEXT) ? 0 : expected.length());
            case "integer" -> integerFit(10, "integer");
            case "bigint" -> integerFit(19, "bigint");
            case SqlType.NUMERIC -> numericFit(expected);
            case "cidr" -> type.equals("cidr") || type.equals("inet") ? Fit.HOLDS : textFit(IP_PREFIX_CHARS);
            default -> type.equals(expected.name()) ? Fit.HOLDS : Fit.INCOMPATIBLE;
        };
    }

    /** As a column definition says it: {@code varchar(32)}, {@code numeric(10,2)}, {@code integer}. */
    String describe() {
        return new SqlType(type, length, precision, scale).ddl();
    }

    /** Text of at most {@code chars} characters, or of any length when 0. */
    private Fit textFit(int chars) {
        boolean unbounded = type.equals(TEXT) || type.equals(SqlType.VARCHAR) && length == 0;
        if (unbounded) {
            return Fit.HOLDS;
        }
        if (!type.equals(SqlType.VARCHAR)) {
            return Fit.INCOMPATIBLE;
        }
        return chars > 0 && length >= chars ? Fit.HOLDS : Fit.NARROWER;
    }

    /** Whole numbers of up to {@code digits} digits, which {@code holding} holds exactly. */
    private Fit integerFit(int digits, String holding) {
        if (type.equals(holding) || type.equals("bigint") || type.equals(SqlType.NUMERIC) && holdsDigits(digits, 0)) {
            return Fit.HOLDS;
        }
        return INTEGERS.contains(type) || type.equals(SqlType.NUMERIC) ? Fit.NARROWER : Fit.INCOMPATIBLE;
    }

    private Fit numericFit(SqlType expected) {
        if (!type.equals(SqlType.NUMERIC)) {
            return INTEGERS.contains(type) && expected.scale() == 0 && expected.precision() > 0 ? Fit.NARROWER : Fit.INCOMPATIBLE;
        }
        if (expected.precision() == 0) {
            return precision == 0 ? Fit.HOLDS : Fit.NARROWER;
        }
        return holdsDigits(expected.precision() - expected.scale(), expected.scale()) ? Fit.HOLDS : Fit.NARROWER;
    }

    /** Whether this numeric holds {@code integerDigits} before the point and {@code fractionDigits} after it. */
    private boolean holdsDigits(int integerDigits, int fractionDigits) {
        return precision == 0 || precision - scale >= integerDigits && scale >= fractionDigits;
    }
}
