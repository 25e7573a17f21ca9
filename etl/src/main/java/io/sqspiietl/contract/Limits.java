package io.sqspiietl.contract;

/**
 * The bounds a column puts on its value; 0 means none. A value beyond them is refused, never
 * truncated or rounded.
 *
 * @param maxLength the most characters (Unicode code points, as PostgreSQL counts {@code varchar})
 *                  of a text or IP value, after trimming and canonical form for an IP
 * @param maxBytes  the most UTF-8 bytes of a text or IP value, likewise; bounds the mask of a masked one
 * @param precision the most significant digits of a numeric value
 * @param scale     the most digits after the decimal point of a numeric value
 */
public record Limits(int maxLength, int maxBytes, int precision, int scale) {
    /** No bounds. */
    public static final Limits NONE = new Limits(0, 0, 0, 0);
    /** PostgreSQL's largest {@code varchar(n)}. */
    public static final int MAX_VARCHAR = 10_485_760;
    /** The largest message SQS delivers, so no field is longer. */
    public static final int MAX_BYTES = 1_048_576;
    /** PostgreSQL's largest declared {@code numeric} precision. */
    public static final int MAX_PRECISION = 1000;
}
