package io.sqspiietl.sink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: columns separated by tabs,
 * rows ended by newlines, {@code \N} for null. Backslash, tab, newline and carriage return inside a
 * value are escaped, so any text a message carries arrives unchanged and cannot end a column, a row
 * or the data ({@code \.}) early.
 */
final class CopyText {
    private final StringBuilder text = new StringBuilder(16 * 1024);
    private boolean rowStarted;
    private int rows;

    /**
     * Appends a column to the current row: {@code null} is SQL NULL, a {@code BigDecimal} its plain
     * digits (never an exponent), anything else its {@code toString()}, which PostgreSQL reads back as
     * the same value for every type a {@link TableRow} holds ({@code Instant} as ISO-8601 in UTC).
     */
    CopyText column(Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
            return this;
        }
        String string = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        // Copies the runs between escapes whole: most values have no character to escape at all.
        int runStart = 0;
        for (int i = 0; i < string.length(); i++) {
            String escape = escapeOf(string.charAt(i));
            if (escape != null) {
                text.append(string, runStart, i).append(escape);
                runStart = i + 1;
            }
        }
        text.append(string, runStart, string.length());
        return this;
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
        };
    }

    /** Ends the current row. */
    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** The rows as COPY reads them from a connection whose client encoding is UTF-8 (pgjdbc's). */
    byte[] toUtf8() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
