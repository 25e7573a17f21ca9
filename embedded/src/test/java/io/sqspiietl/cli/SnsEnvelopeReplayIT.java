package io.sqspiietl.cli;

import static io.sqspiietl.testing.SnsEnvelopes.wrap;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade under SNS fan-out: a version that read every body as the event quarantined the envelopes
 * as {@code missing_field} under their SQS MessageIds (as {@code run --sns-envelope off} still does);
 * {@code replay} then loads each publication exactly once and takes every copy out of the quarantine.
 */
class SnsEnvelopeReplayIT {
    private static final Instant PUBLISHED = Instant.parse("2024-03-01T12:00:00Z");
    private static final String PUBLICATION_P = wrap("sns-p", "{\"user_id\": \"u-p\", \"ip\": \"10.0.0.1\"}", PUBLISHED);
    private static final String PUBLICATION_Q = wrap("sns-q", "{\"user_id\": \"u-q\"}", PUBLISHED);
    private static final String PUBLICATION_R = wrap("sns-r", "{\"user_id\": \"u-r\", \"app_version\": \"x\"}", PUBLISHED);
    private static final String RAW = "{\"user_id\": \"u-raw\"}";

    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();
    private String jdbcUrl;
    private String queueUrl;
    private Path keyset;

    @BeforeEach
    void queueDatabaseAndKeyset() throws Exception {
        jdbcUrl = TestServices.newDatabase();
        queueUrl = TestServices.newQueue();
        keyset = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keyset);
    }

    @Test
    void replayAfterTheUpgradeLoadsEachPublicationOnceAndRemovesEveryCopy() throws Exception {
        List<String> sqsIds = TestServices.sendEach(queueUrl, List.of(PUBLICATION_P, PUBLICATION_P, PUBLICATION_Q, PUBLICATION_R, RAW));
        assertThat(run("--sns-envelope", "off")).containsPattern("loaded\\s+1\\n").containsPattern("missing_field\\s+4\\n");
        assertThat(strings("SELECT reason FROM user_logins_quarantine")).containsOnly("missing_field").hasSize(4);

        assertThat(replay("--sns-envelope", "off"))
                .isEqualTo("loaded 0, duplicates removed 0, still quarantined 4, unreadable with this keyset 0\n");
        assertThat(replay()).isEqualTo("loaded 2, duplicates removed 1, still quarantined 1, unreadable with this keyset 0\n");
        assertThat(replay()).isEqualTo("loaded 0, duplicates removed 0, still quarantined 1, unreadable with this keyset 0\n");

        assertThat(strings("SELECT user_id FROM user_logins ORDER BY user_id")).containsExactly("u-p", "u-q", "u-raw");
        assertThat(strings("SELECT concat_ws('|', message_id, reason, field, stage) FROM user_logins_quarantine"))
                .as("a publication that still fails keeps its row and key, with its cause updated")
                .containsExactly(sqsIds.get(3) + "|bad_app_version|app_version|validate");
        assertThat(strings("SELECT message_id || ' ' || outcome FROM sqs_pii_etl_ledger ORDER BY outcome, message_id"))
                .containsExactlyInAnyOrder("sns:sns-p loaded", "sns:sns-q loaded", sqsIds.get(0) + " loaded",
                        sqsIds.get(1) + " loaded", sqsIds.get(2) + " loaded", sqsIds.get(4) + " loaded",
                        sqsIds.get(3) + " quarantined");

        // A copy of P that SNS delivers once more after the upgrade finds its publication loaded.
        TestServices.sendEach(queueUrl, List.of(PUBLICATION_P));
        assertThat(run()).containsPattern("loaded\\s+0\\n").containsPattern("skipped\\s+1 ");
        assertThat(strings("SELECT user_id FROM user_logins ORDER BY user_id")).containsExactly("u-p", "u-q", "u-raw");
    }

    @Test
    void snsEnvelopeOptionOtherThanAutoOrOffIsRefusedNamingTheFlag() {
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", keyset.toString(), "--sns-envelope", "raw"))
                .isEqualTo(2);
        assertThat(cli.err()).startsWith("sqs-pii-etl: Invalid value for option '--sns-envelope'").hasLineCount(1);
    }

    private String run(String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
                "--keyset", keyset.toString()));
        args.addAll(List.of(options));
        assertThat(cli.execute(args.toArray(String[]::new))).as(cli.err()).isZero();
        return cli.out();
    }

    private String replay(String... options) {
        List<String> args = new ArrayList<>(List.of("replay", "--jdbc-url", jdbcUrl, "--keyset", keyset.toString()));
        args.addAll(List.of(options));
        assertThat(cli.execute(args.toArray(String[]::new))).as(cli.err()).isZero();
        return cli.out();
    }

    private List<String> strings(String sql) throws Exception {
        return Sql.firstColumn(jdbcUrl, sql);
    }
}
