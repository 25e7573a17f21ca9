package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.pipeline.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryPrinterTest {
    private static final RunSummary SUMMARY = new RunSummary(1_234, 1_200, Map.of("too_long", 3L, "missing_field", 27L),
            4, 1_230, Duration.ofMillis(2_345), Duration.ofMillis(2_000));

    @Test
    void textLogsGetTheTableUnchanged() {
        assertThat(printed(LogFormat.TEXT)).isEqualTo("""
                received         1234
                loaded           1200
                quarantined        30
                  missing_field          27
                  too_long                3
                skipped             4  (redeliveries of committed messages)
                deleted          1230
                elapsed           2.3 s  (work done in 2.0 s: 615 messages/s)
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void jsonLogsGetOneJsonObjectOnOneLine() throws Exception {
        String printed = printed(LogFormat.JSON);
        assertThat(printed).endsWith(System.lineSeparator());
        assertThat(printed.lines()).hasSize(1);
        JsonNode summary = new ObjectMapper().readTree(printed);
        assertThat(summary.toString()).isEqualTo("{\"received\":1234,\"loaded\":1200,\"quarantined\":30,"
                + "\"quarantined_by_reason\":{\"missing_field\":27,\"too_long\":3},\"skipped\":4,\"deleted\":1230,"
                + "\"elapsed_s\":2.345,\"busy_s\":2.0,\"rate_per_s\":615}");
    }

    private static String printed(LogFormat format) {
        StringWriter out = new StringWriter();
        SummaryPrinter.print(SUMMARY, format, new PrintWriter(out, true));
        return out.toString();
    }
}
