package io.sqspiietl.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandIT {
    @Test
    void demoLoadsTheSampleAndReportsIt() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = DemoMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(commandLine.execute("demo")).isZero();

        assertThat(out.toString())
                .contains("Seeded 100 synthetic messages into login-queue")
                .contains("EPHEMERAL keyset")
                .containsPattern("received\\s+100\\n")
                .containsPattern("loaded\\s+99\\n")
                .containsPattern("quarantined\\s+1\\n")
                .containsPattern("missing_field\\s+1\\n")
                .contains("Top repeated masked_device_id values:")
                .containsPattern("missing_field\\s+user_id\\s+1\\n");
    }
}
