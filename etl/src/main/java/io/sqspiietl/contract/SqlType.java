package io.sqspiietl.contract;

import java.util.Objects;

/**
 * The PostgreSQL type a column of a contract's table needs: what {@code contract ddl} declares and
 * the least that the start-up check accepts (a wider one does too).
 *
 * @param name      the type's name as PostgreSQL's {@code format_type} spells it without modifiers:
 *                  {@code character varying}, {@code text}, {@code integer}, {@code bigint}, {@code
 *                  numeric}, {@code boolean}, {@code date}, {@code timestamp with time zone}, {@code
 *                  cidr}
 * @param length    the most characters of a {@code character varying}, else 0
 * @param precision the precision of a constrained {@code numeric}, else 0
 * @param scale     the scale of a constrained {@code numeric}, else 0
 */
public record SqlType(String name, int length, int precision, int scale) {
    public static final String VARCHAR = "character varying";
    public static final String NUMERIC = "numeric";

    public SqlType {
        Objects.requireNonNull(name, "name");
    }

    /** A type without modifiers; {@code timestamptz} and {@code text} are spelled as PostgreSQL does. */
    static SqlType of(String name) {
        return new SqlType(switch (name) {
            case "timestamptz" -> "timestamp with time zone";
            default -> name;
        }, 0, 0, 0);
    }

    static SqlType varchar(int length) {
        return new SqlType(VARCHAR, length, 0, 0);
    }

    /** {@code numeric(precision, scale)}, or unconstrained {@code numeric} when precision is 0. */
    static SqlType numeric(int precision, int scale) {
        return new SqlType(NUMERIC, 0, precision, scale);
    }

    /** The type as a column definition says it, e.g. {@code varchar(128)} or {@code numeric(12,2)}. */
    public String ddl() {
        if (name.equals(VARCHAR)) {
            return "varchar(" + length + ")";
        }
        if (name.equals(NUMERIC) && precision > 0) {
            return "numeric(" + precision + "," + scale + ")";
        }
        return name.equals("timestamp with time zone") ? "timestamptz" : name;
    }
}
