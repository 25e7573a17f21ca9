package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    private static String text(CopyText copy) {
        return new String(copy.toUtf8(), StandardCharsets.UTF_8);
    }

    @Test
    void separatesColumnsWithTabsAndEndsRowsWithNewlines() {
        CopyText copy = new CopyText().column("a").column(42).column(LocalDate.of(2026, 11, 21)).endRow()
                .column("b").endRow();

        assertThat(text(copy)).isEqualTo("a\t42\t2026-11-21\nb\n");
        assertThat(copy.rows()).isEqualTo(2);
    }

    @Test
    void writesNullAsBackslashN() {
        assertThat(text(new CopyText().column(null).column("x").column(null).endRow())).isEqualTo("\\N\tx\t\\N\n");
    }

    @Test
    void escapesTheCharactersThatWouldEndAColumnOrARow() {
        CopyText copy = new CopyText().column("tab\there").column("line\nbreak\rcr").column("back\\slash").endRow();

        assertThat(text(copy)).isEqualTo("tab\\there\tline\\nbreak\\rcr\tback\\\\slash\n");
    }

    @Test
    void escapesAtTheEdgesAndSideBySideAndKeepsEmptyText() {
        CopyText copy = new CopyText().column("\tstart").column("end\n").column("\\\r\n\t").column("").endRow();

        assertThat(text(copy)).isEqualTo("\\tstart\tend\\n\t\\\\\\r\\n\\t\t\n");
    }

    @Test
    void aValueThatLooksLikeNullOrTheEndMarkerStaysText() {
        CopyText copy = new CopyText().column("\\N").endRow().column("\\.").endRow();

        assertThat(text(copy)).isEqualTo("\\\\N\n\\\\.\n");
    }

    @Test
    void encodesNonAsciiTextAsUtf8() {
        assertThat(new CopyText().column("é😀").endRow().toUtf8())
                .isEqualTo("é😀\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyCopyHasNoRows() {
        CopyText copy = new CopyText();

        assertThat(copy.rows()).isZero();
        assertThat(copy.toUtf8()).isEmpty();
    }
}
