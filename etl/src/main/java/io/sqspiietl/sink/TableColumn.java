package io.sqspiietl.sink;

import io.sqspiietl.contract.SqlType;

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

    /**
     * Why this column cannot hold every value of {@code expected}, or null when it can: the same
     * type, or a wider one (a longer or unbounded text, a larger integer or numeric).
     */
    String incompatibility(SqlType expected) {
        boolean holds = switch (expected.name()) {
            case SqlType.VARCHAR -> isUnboundedText() || type.equals(SqlType.VARCHAR) && length >= expected.length();
            case "text" -> isUnboundedText();
            case "integer" -> type.equals("integer") || type.equals("bigint") || holdsIntegerDigits(10);
            case "bigint" -> type.equals("bigint") || holdsIntegerDigits(19);
            case SqlType.NUMERIC -> type.equals(SqlType.NUMERIC) && (precision == 0 || expected.precision() > 0
                    && scale >= expected.scale() && precision - scale >= expected.precision() - expected.scale());
            case "cidr" -> type.equals("cidr") || type.equals("inet") || isUnboundedText()
                    || type.equals(SqlType.VARCHAR) && length >= IP_PREFIX_CHARS;
            default -> type.equals(expected.name());
        };
        return holds ? null : "expected " + expected.ddl() + wider(expected) + ", found " + describe();
    }

    /** The longest network text of an ip-prefix column: {@code ffff:ffff:ffff::/48}. */
    static final int IP_PREFIX_CHARS = 19;

    private boolean isUnboundedText() {
        return type.equals("text") || type.equals(SqlType.VARCHAR) && length == 0;
    }

    private boolean holdsIntegerDigits(int digits) {
        return type.equals(SqlType.NUMERIC) && (precision == 0 || precision - scale >= digits);
    }

    private static String wider(SqlType expected) {
        return switch (expected.name()) {
            case "boolean", "date", "timestamp with time zone", "text" -> "";
            default -> " or wider";
        };
    }

    /** As a column definition says it: {@code varchar(32)}, {@code numeric(10,2)}, {@code integer}. */
    String describe() {
        return new SqlType(type, length, precision, scale).ddl();
    }
}
