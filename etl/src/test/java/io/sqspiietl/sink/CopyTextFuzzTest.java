package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the {@code COPY} encoding: rows of any text values and nulls, written
 * with {@link CopyText} and read back by a decoder of PostgreSQL's text format written here from its
 * documentation (the {@code COPY} page, "Text Format"), must give the same rows: every value back,
 * every null a null, no row ended early, split or joined, and no end-of-data marker.
 *
 * <p>The input is UTF-8 text: U+0001 separates rows, U+0000 columns (PostgreSQL text never holds
 * NUL, the parser refuses it), and a column that is exactly U+0002 is SQL NULL.
 * {@code docs/fuzzing.md} tells how to run it longer and where its corpus is.
 */
class CopyTextFuzzTest {
    private static final String ROW_SEPARATOR = "\u0001";
    private static final String COLUMN_SEPARATOR = "\u0000";
    private static final String NULL = "\u0002";

    @FuzzTest
    void rows(byte[] input) {
        List<List<String>> rows = new ArrayList<>();
        for (String row : new String(input, StandardCharsets.UTF_8).split(ROW_SEPARATOR, -1)) {
            rows.add(Arrays.stream(row.split(COLUMN_SEPARATOR, -1)).map(value -> value.equals(NULL) ? null : value).toList());
        }
        CopyText copy = new CopyText();
        for (List<String> row : rows) {
            row.forEach(copy::column);
            copy.endRow();
        }

        assertThat(copy.rows()).isEqualTo(rows.size());
        assertThat(decode(copy.toUtf8())).isEqualTo(rows);
    }

    /** Reads PostgreSQL's text format: rows end with a newline, columns end at a tab, {@code \N} alone is NULL. */
    private static List<List<String>> decode(byte[] data) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        ByteArrayOutputStream column = new ByteArrayOutputStream();
        int rowStart = 0;
        int columnStart = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\\') {
                i = unescape(data, i + 1, column);
            } else if (b == '\t' || b == '\n') {
                row.add(isNullMarker(data, columnStart, i) ? null : utf8(column.toByteArray()));
                column.reset();
                columnStart = i + 1;
                if (b == '\n') {
                    assertThat(i - rowStart == 2 && data[rowStart] == '\\' && data[rowStart + 1] == '.')
                            .as("the end-of-data marker \\. alone on a line, as row %d", rows.size() + 1).isFalse();
                    rows.add(row);
                    row = new ArrayList<>();
                    rowStart = i + 1;
                }
            } else if (b == '\r') {
                fail("a raw carriage return, which PostgreSQL reads as the end of a row, at byte " + i);
            } else {
                column.write(b);
            }
        }
        assertThat(columnStart).as("the last row ends with a newline").isEqualTo(data.length);
        return rows;
    }

    /**
     * Decodes the escape whose character is at {@code at} into {@code column}: {@code \b \f \n \r \t
     * \v}, one to three octal digits or {@code x} and one or two hex digits for a byte, else the
     * character itself.
     *
     * @return the index of the escape's last byte
     */
    private static int unescape(byte[] data, int at, ByteArrayOutputStream column) {
        assertThat(at).as("a backslash ends the data").isLessThan(data.length);
        byte c = data[at];
        assertThat(c).as("a backslash ends a row").isNotIn((byte) '\n', (byte) '\r');
        int end = at;
        switch (c) {
            case 'b' -> column.write('\b');
            case 'f' -> column.write('\f');
            case 'n' -> column.write('\n');
            case 'r' -> column.write('\r');
            case 't' -> column.write('\t');
            case 'v' -> column.write(0x0B);
            case 'x' -> {
                int value = 0;
                while (end + 1 < data.length && end - at < 2 && Character.digit(data[end + 1], 16) >= 0) {
                    value = value * 16 + Character.digit(data[++end], 16);
                }
                column.write(end == at ? 'x' : value);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int value = c - '0';
                    while (end + 1 < data.length && end - at < 2 && data[end + 1] >= '0' && data[end + 1] <= '7') {
                        value = value * 8 + data[++end] - '0';
                    }
                    column.write(value & 0xFF);
                } else {
                    column.write(c);
                }
            }
        }
        return end;
    }

    private static boolean isNullMarker(byte[] data, int start, int end) {
        return end - start == 2 && data[start] == '\\' && data[start + 1] == 'N';
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("a column is not UTF-8 after its escapes", e);
        }
    }
}
