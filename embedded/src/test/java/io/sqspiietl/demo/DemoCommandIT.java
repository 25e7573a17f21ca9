package io.sqspiietl.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.CommandRunner;
import org.junit.jupiter.api.Test;

class DemoCommandIT {
    @Test
    void demoLoadsTheSampleAndReportsIt() {
        CommandRunner cli = new CommandRunner();

        assertThat(cli.execute("demo")).isZero();

        assertThat(cli.out())
                .contains("Seeded 100 synthetic messages into login-queue")
                .contains("EPHEMERAL keyset")
                .containsPattern("received\\s+100\\n")
                .containsPattern("loaded\\s+99\\n")
                .containsPattern("quarantined\\s+1\\n")
                .containsPattern("missing_field\\s+1\\n")
                .contains("Top repeated masked_device_id values:")
                .containsPattern("missing_field\\s+user_id\\s+1\\n");
    }

    @Test
    void demoRunsTheExamplePurchaseContractBesideTheLoginOnOneQueue() {
        CommandRunner cli = new CommandRunner();

        assertThat(cli.execute("demo", "--contract", "builtin:login,../examples/purchase/contract.yaml",
                "--events", "../examples/purchase/events.jsonl")).as(cli.err()).isZero();

        assertThat(cli.out())
                .contains("Seeded 163 synthetic messages into login-queue")
                .containsPattern("loaded\\s+155\\n")
                .contains("A few loaded rows (purchases):", "Top repeated masked_email values:")
                .containsPattern("purchase\\s+bad_ip\\s+customer_ip\\s+1\\n");
    }
}
