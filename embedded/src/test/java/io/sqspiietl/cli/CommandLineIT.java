package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.testing.LegacyOnlySqsRelay;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The command line as an operator uses it, against the embedded services. AWS credentials come from
 * the {@code aws.accessKeyId} system properties that the build sets for tests (the default chain).
 */
class CommandLineIT {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    @ParameterizedTest
    @ValueSource(strings = {"json", "query"})
    void seedThenRunUntilEmptyLoadsTheQueueAndARerunChangesNothing(String protocol) throws Exception {
        String queueUrl = TestServices.newQueue();
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = createKeyset();

        assertThat(cli.execute("seed", "--queue-url", queueUrl, "--sqs-protocol", protocol)).isZero();
        assertThat(cli.out()).contains("sent 100 messages to " + queueUrl);

        String[] run = {"run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl, "--keyset", keyset.toString(),
            "--sqs-protocol", protocol};
        assertThat(cli.execute(run)).as(cli.err()).isZero();
        assertThat(cli.out()).containsPattern("loaded\\s+99\\n").containsPattern("missing_field\\s+1\\n");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);

        assertThat(cli.execute(run)).isZero();
        assertThat(cli.out()).containsPattern("received\\s+0\\n");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "query"})
    void queueNameIsLookedUpAtTheEndpoint(String protocol) throws Exception {
        String queueUrl = TestServices.newQueue();
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        String endpoint = TestServices.sqs().endpoint().toString();

        assertThat(cli.execute("seed", "--queue", name, "--sqs-endpoint", endpoint, "--count", "25", "--sqs-protocol", protocol))
                .as(cli.err()).isZero();
        assertThat(cli.execute("run", "--until-empty", "--queue", name, "--sqs-endpoint", endpoint, "--sqs-protocol", protocol,
                "--jdbc-url", TestServices.newDatabase(), "--keyset", createKeyset().toString())).as(cli.err()).isZero();
        assertThat(cli.out()).containsPattern("received\\s+25\\n");
    }

    @Test
    void autoSwitchesOnceToQueryAgainstAnEndpointThatSpeaksOnlyTheLegacyProtocol() throws Exception {
        String queueUrl = TestServices.newQueue();
        String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = createKeyset();
        Logger switchLog = (Logger) LoggerFactory.getLogger("io.sqspiietl.source.FallbackSqsClient");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        try (LegacyOnlySqsRelay oldLocalStack = LegacyOnlySqsRelay.start(TestServices.sqs().endpoint())) {
            String endpoint = oldLocalStack.endpoint().toString();
            assertThat(cli.execute("seed", "--queue", name, "--sqs-endpoint", endpoint)).as(cli.err()).isZero();

            logs.start();
            switchLog.addAppender(logs);
            try {
                assertThat(cli.execute("run", "--until-empty", "--queue", name, "--sqs-endpoint", endpoint,
                        "--jdbc-url", jdbcUrl, "--keyset", keyset.toString())).as(cli.err()).isZero();
            } finally {
                switchLog.detachAppender(logs);
            }
            assertThat(oldLocalStack.jsonRefused()).isPositive();
            assertThat(oldLocalStack.queryForwarded()).isPositive();
        }
        assertThat(cli.out()).containsPattern("loaded\\s+99\\n").containsPattern("missing_field\\s+1\\n");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(TestServices.backlog(queueUrl).isEmpty()).isTrue();
        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("answers only the legacy query protocol; switched to --sqs-protocol query");
    }

    @Test
    void unknownProtocolIsRefusedWithExitTwo() {
        assertThat(cli.execute("seed", "--queue", "q", "--sqs-protocol", "xml")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --sqs-protocol must be one of auto, json, query, was xml\n");
    }

    @Test
    void runWithoutKeysetIsRefusedWithExitTwo() {
        assertThat(cli.execute("run", "--queue-url", "http://localhost:1/q", "--jdbc-url", "jdbc:postgresql://localhost:1/db"))
                .isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --keyset is required (create one with "
                + "'sqs-pii-etl keys create --out FILE')\n");
    }

    @Test
    void badFlagsExitTwoWithOneLine() {
        assertThat(cli.execute("run", "--no-such-flag")).isEqualTo(2);
        assertThat(cli.err()).startsWith("sqs-pii-etl: Unknown option: '--no-such-flag'").hasLineCount(1);
    }

    @Test
    void conflictingOrMissingOptionsNameTheFlag() throws Exception {
        String keyset = createKeyset().toString();
        assertThat(cli.execute("run", "--queue-url", "http://localhost:1/q", "--queue", "q",
                "--jdbc-url", "jdbc:postgresql://localhost:1/db", "--keyset", keyset)).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: give exactly one of --queue-url and --queue\n");
        assertThat(cli.execute("run", "--queue-url", "http://localhost:1/q", "--keyset", keyset)).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --jdbc-url is required (or set SQS_PII_ETL_JDBC_URL)\n");
        assertThat(cli.execute("run", "--queue-url", "http://localhost:1/q", "--jdbc-url", "jdbc:postgresql://h/db",
                "--keyset", keyset, "--batch-size", "0")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --batch-size must be between 1 and 10000, was 0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "query"})
    void missingQueueIsARuntimeFailureWithExitOne(String protocol) throws Exception {
        assertThat(cli.execute("run", "--until-empty", "--queue", "no-such-queue", "--sqs-protocol", protocol, "--sqs-endpoint",
                TestServices.sqs().endpoint().toString(), "--jdbc-url", TestServices.newDatabase(),
                "--keyset", createKeyset().toString())).isEqualTo(1);
        assertThat(cli.err()).startsWith("sqs-pii-etl: SQS look-up of queue 'no-such-queue' failed:").hasLineCount(1);
    }

    @Test
    void keysCreateNeverOverwrites() throws Exception {
        Path keyset = createKeyset();
        String before = Files.readString(keyset);
        assertThat(cli.execute("keys", "create", "--out", keyset.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --out: refusing to overwrite existing file " + keyset + "\n");
        assertThat(Files.readString(keyset)).isEqualTo(before);
    }

    @Test
    void revealPrintsOriginalsInOrder() throws Exception {
        Path keyset = createKeyset();
        var masker = MaskingKeyset.read(keyset).fieldMasker();
        assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--field", "device_id",
                "--jdbc-url", TestServices.newDatabase(), "--reason", "test",
                masker.mask(LoginDomains.DEVICE_ID, "593-47-5928"), masker.mask(LoginDomains.DEVICE_ID, "111-22-3333")))
                .isZero();
        assertThat(cli.out()).isEqualTo("593-47-5928\n111-22-3333\n");
    }

    @Test
    void revealOfAValueMaskedElsewhereIsAClearError() throws Exception {
        Path keyset = createKeyset();
        String foreign = MaskingKeyset.generate().fieldMasker().mask(LoginDomains.IP, "10.0.0.1");
        assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--field", "ip",
                "--jdbc-url", TestServices.newDatabase(), "--reason", "test", foreign)).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: value 1 of 1: not a masked ip value under this keyset\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "seed", "replay", "keys", "rekey", "reveal", "demo", "bench"})
    void everyCommandHasHelp(String command) {
        assertThat(cli.execute(command, "--help")).isZero();
        assertThat(cli.out()).startsWith("Usage: sqs-pii-etl " + command);
    }

    private Path createKeyset() {
        Path keyset = dir.resolve("keyset-" + System.nanoTime() + ".json");
        assertThat(cli.execute("keys", "create", "--out", keyset.toString())).isZero();
        return keyset;
    }

}
