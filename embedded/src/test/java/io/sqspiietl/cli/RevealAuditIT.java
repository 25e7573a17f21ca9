package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reveal} under control: a stated reason, an audit row per reveal and per refused attempt, with
 * what was selected, never a value in the audit.
 */
class RevealAuditIT {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    @Test
    void revealFromTheDatabaseIsAuditedWithoutValues() throws Exception {
        Path keyset = keyset("deterministic");
        String jdbcUrl = seededAndLoaded(keyset);
        String[] first = KeyRotationIT.rows(jdbcUrl).get(0);

        assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl, "--field", "device_id",
                "--reason", "TICKET-42 fraud review", "--operator", "alice", "--where", first[0])).as(cli.err()).isZero();
        String original = MaskingKeyset.read(keyset).fieldMasker().reveal(LoginDomains.DEVICE_ID, first[2]);
        assertThat(cli.out()).isEqualTo(first[0] + "\t" + original + "\n");

        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT operator, reason, field, value_count, source, "
                     + "revealed_at > now() - interval '1 minute', selection, values_selected, "
                     + "coalesce(refusal, 'none'), sqs_pii_etl_reveal_audit::text FROM sqs_pii_etl_reveal_audit")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getString(8), rs.getString(9)))
                    .containsExactly("alice", "TICKET-42 fraud review", "device_id", "1", "database", "t", first[0], "1", "none");
            assertThat(rs.getString(10)).doesNotContain(original).doesNotContain(first[2]);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aWherePatternThatSelectsEveryUserIsRecordedAsSuch() throws Exception {
        Path keyset = keyset("deterministic");
        String jdbcUrl = seededAndLoaded(keyset);

        assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl, "--field", "ip",
                "--reason", "TICKET-7 export", "--where", "%")).as(cli.err()).isZero();

        assertThat(cli.out().lines()).hasSize(99);
        assertThat(audit(jdbcUrl)).containsExactly("% 99 99 - -");
    }

    @Test
    void refusedAttemptsAreAuditedWithTheirCauseAndNoValue() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = keyset("deterministic");
        var masker = MaskingKeyset.read(keyset).fieldMasker();
        String ownValue = masker.mask(LoginDomains.IP, "10.1.2.3");
        String foreignValue = MaskingKeyset.generate().fieldMasker().mask(LoginDomains.IP, "10.4.5.6");
        assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl, "--field", "ip",
                "--reason", "TICKET-8", ownValue, foreignValue)).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: value 2 of 2: not a masked ip value under this keyset\n");
        assertThat(cli.execute("reveal", "--keyset", keyset("deterministic").toString(), "--jdbc-url", jdbcUrl,
                "--field", "ip", "--reason", "TICKET-9", ownValue)).isEqualTo(2);
        assertThat(cli.out()).isEmpty();

        assertThat(audit(jdbcUrl)).containsExactly(
                "- 2 0 unknown_mask value 2 of 2: not a masked ip value under this keyset",
                "- 1 0 wrong_keyset the masked columns in this database are in deterministic mode with key "
                        + MaskingKeyset.read(keyset).primaryKeyId() + ", which this keyset does not hold");
        assertThat(String.join("\n", Sql.firstColumn(jdbcUrl, "SELECT sqs_pii_etl_reveal_audit::text FROM sqs_pii_etl_reveal_audit")))
                .doesNotContain(ownValue).doesNotContain(foreignValue).doesNotContain("10.1.2.3");
    }

    @Test
    void revealFromStdinRecordsTheOsUser() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = keyset("deterministic");
        var masker = MaskingKeyset.read(keyset).fieldMasker();
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream((masker.mask(LoginDomains.IP, "10.1.2.3") + "\n"
                + masker.mask(LoginDomains.IP, "10.9.9.9") + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl, "--field", "ip",
                    "--reason", "audit", "--stdin")).as(cli.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(cli.out()).isEqualTo("10.1.2.3\n10.9.9.9\n");
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_reveal_audit WHERE value_count = 2 "
                + "AND source = 'stdin' AND operator = '" + System.getProperty("user.name") + "'")).isEqualTo(1);
    }

    @Test
    void revealWithoutReasonIsRefusedBeforeItStartsAndInHmacModeIsRefusedAndAudited() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = keyset("deterministic");
        assertThat(cli.execute("reveal", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl, "--field", "ip", "x")).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--reason=TEXT'").hasLineCount(1);
        assertThat(cli.execute("reveal", "--keyset", keyset("hmac").toString(), "--jdbc-url", jdbcUrl, "--field", "ip",
                "--reason", "curious", "x")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --keyset: reveal is impossible in hmac mode: "
                + "its masks are irreversible by design\n");
        assertThat(cli.out()).isEmpty();
        assertThat(audit(jdbcUrl)).containsExactly(
                "- 1 0 hmac_mode reveal is impossible in hmac mode: its masks are irreversible by design");
    }

    /** Each audit row's selection, values selected and revealed, refusal and its detail, oldest first. */
    /** A new database with the take-home sample loaded under {@code keyset}. */
    private String seededAndLoaded(Path keyset) {
        String jdbcUrl = TestServices.newDatabase();
        String queueUrl = TestServices.newQueue();
        assertThat(cli.execute("seed", "--queue-url", queueUrl)).isZero();
        assertThat(cli.execute("run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl, "--keyset", keyset.toString())).isZero();
        return jdbcUrl;
    }

    private static List<String> audit(String jdbcUrl) throws Exception {
        return Sql.firstColumn(jdbcUrl, "SELECT concat_ws(' ', coalesce(selection, '-'), values_selected, value_count, "
                + "coalesce(refusal, '-'), coalesce(refusal_detail, '-')) FROM sqs_pii_etl_reveal_audit ORDER BY id");
    }

    private Path keyset(String mode) {
        Path keyset = dir.resolve(mode + "-" + System.nanoTime() + ".json");
        assertThat(cli.execute("keys", "create", "--mask", mode, "--out", keyset.toString())).isZero();
        return keyset;
    }

}
