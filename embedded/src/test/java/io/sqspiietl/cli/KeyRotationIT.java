package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key lifecycle end to end through the command line: load, rotate, rekey, reveal, refusals. */
class KeyRotationIT {
    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();

    @Test
    void rotateAndRekeyKeepEveryDuplicateAndEveryOriginal() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = dir.resolve("keyset.json");
        assertThat(cli.execute("keys", "create", "--out", keyset.toString())).isZero();
        load(jdbcUrl, keyset);
        List<String[]> before = rows(jdbcUrl);
        Map<String, byte[]> sealedBefore = sealedBodies(jdbcUrl);
        assertThat(sealedBefore).hasSize(1); // the seed's message of the wrong type
        MaskingKeyset original = MaskingKeyset.read(keyset);

        assertThat(cli.execute("keys", "rotate", "--keyset", keyset.toString())).as(cli.err()).isZero();
        String[] run = runArgs(jdbcUrl, keyset);
        assertThat(cli.execute(run)).isEqualTo(2); // refused until the stored values are re-masked
        assertThat(cli.err()).contains("finish the rotation with 'rekey'").hasLineCount(1);

        // --batch-pages 1: many small transactions, as on a large table.
        assertThat(cli.execute("rekey", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl, "--batch-pages", "1"))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("99 rows rewritten, 198 values re-masked; quarantined bodies re-sealed: 1");
        List<String[]> after = rows(jdbcUrl);
        assertThat(after).hasSize(before.size());
        assertThat(duplicatePairs(after, 1)).isEqualTo(duplicatePairs(before, 1)).isNotEmpty();
        assertThat(duplicatePairs(after, 2)).isEqualTo(duplicatePairs(before, 2)).isNotEmpty();

        MaskingKeyset rotated = MaskingKeyset.read(keyset);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)[2]).isNotEqualTo(before.get(i)[2]);
            assertThat(rotated.fieldMasker().reveal(LoginDomains.DEVICE_ID, after.get(i)[2]))
                    .isEqualTo(original.fieldMasker().reveal(LoginDomains.DEVICE_ID, before.get(i)[2]));
        }
        assertResealedUnderPrimary(sealedBefore, sealedBodies(jdbcUrl), original, rotated);
        assertThat(cli.execute("rekey", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl)).isZero();
        assertThat(cli.out()).contains(" 0 rows rewritten, 0 values re-masked; quarantined bodies re-sealed: 0"); // a rerun finds nothing to do
        assertThat(cli.execute(run)).as(cli.err()).isZero();
    }

    @Test
    void inHmacModeRotateAndRekeyResealTheQuarantineAndKeepTheMasks() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = dir.resolve("hmac.json");
        assertThat(cli.execute("keys", "create", "--mask", "hmac", "--out", keyset.toString())).isZero();
        load(jdbcUrl, keyset);
        List<List<String>> before = rows(jdbcUrl).stream().map(Arrays::asList).toList();
        Map<String, byte[]> sealedBefore = sealedBodies(jdbcUrl);
        MaskingKeyset original = MaskingKeyset.read(keyset);

        assertThat(cli.execute("keys", "rotate", "--keyset", keyset.toString())).as(cli.err()).isZero();
        assertThat(cli.execute("rekey", "--keyset", keyset.toString(), "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();
        assertThat(cli.out()).contains(" 0 values re-masked; quarantined bodies re-sealed: 1");

        assertThat(rows(jdbcUrl).stream().map(Arrays::asList).toList()).as("HMAC masks stay").isEqualTo(before);
        assertResealedUnderPrimary(sealedBefore, sealedBodies(jdbcUrl), original, MaskingKeyset.read(keyset));
        assertThat(cli.execute(runArgs(jdbcUrl, keyset))).as(cli.err()).isZero();
    }

    @Test
    void runWithAnotherKeyOrModeIsRefused() throws Exception {
        String jdbcUrl = TestServices.newDatabase();
        Path keyset = dir.resolve("keyset.json");
        Path other = dir.resolve("other.json");
        Path hmac = dir.resolve("hmac.json");
        assertThat(cli.execute("keys", "create", "--out", keyset.toString())).isZero();
        assertThat(cli.execute("keys", "create", "--out", other.toString())).isZero();
        assertThat(cli.execute("keys", "create", "--mask", "hmac", "--out", hmac.toString())).isZero();
        load(jdbcUrl, keyset);

        assertThat(cli.execute(runArgs(jdbcUrl, other))).isEqualTo(2);
        assertThat(cli.err()).startsWith("sqs-pii-etl: --keyset: the masked columns in this database are in "
                + "deterministic mode with key").contains("use the keyset the data was loaded with").hasLineCount(1);
        assertThat(cli.execute(runArgs(jdbcUrl, hmac))).isEqualTo(2);
        assertThat(cli.err()).contains("but this keyset masks hmac mode").hasLineCount(1);
        String[] wrongMode = List.of(runArgs(jdbcUrl, hmac)).toArray(new String[0]);
        assertThat(cli.execute(concat(wrongMode, "--mask", "deterministic"))).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --mask: deterministic requested, but the keyset is for hmac masking\n");
        assertThat(cli.execute("rekey", "--keyset", hmac.toString(), "--jdbc-url", jdbcUrl)).isEqualTo(2);
        assertThat(cli.err()).contains("deterministic mode with key").contains("which this keyset does not hold")
                .hasLineCount(1);
    }

    private void load(String jdbcUrl, Path keyset) {
        String queueUrl = TestServices.newQueue();
        assertThat(cli.execute("seed", "--queue-url", queueUrl)).isZero();
        assertThat(cli.execute("run", "--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
                "--keyset", keyset.toString())).as(cli.err()).isZero();
    }

    private String[] runArgs(String jdbcUrl, Path keyset) {
        return new String[] {"run", "--until-empty", "--queue-url", TestServices.newQueue(), "--jdbc-url", jdbcUrl,
                "--keyset", keyset.toString()};
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    /** user_id, masked_ip, masked_device_id of every row, in user_id order (unique in the seed data). */
    static List<String[]> rows(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT user_id, masked_ip, masked_device_id FROM user_logins ORDER BY user_id")) {
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            return rows;
        }
    }

    /**
     * Every quarantined body was sealed anew under the rotated keyset's primary key: a key retired after
     * a leak opens none of them.
     */
    private static void assertResealedUnderPrimary(Map<String, byte[]> before, Map<String, byte[]> after,
                                                   MaskingKeyset original, MaskingKeyset rotated) throws Exception {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (Map.Entry<String, byte[]> body : before.entrySet()) {
            String id = body.getKey();
            assertThat(after.get(id)).isNotEqualTo(body.getValue())
                    .isEqualTo(rotated.bodySealer().seal(id, original.bodySealer().open(id, body.getValue())));
        }
    }

    /** The sealed body of every quarantined message, by MessageId. */
    private static Map<String, byte[]> sealedBodies(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT message_id, sealed_body FROM user_logins_quarantine")) {
            Map<String, byte[]> bodies = new HashMap<>();
            while (rs.next()) {
                bodies.put(rs.getString(1), rs.getBytes(2));
            }
            return bodies;
        }
    }

    /** Every pair of row indexes whose value in the column is equal: the duplicates an analyst finds. */
    private static List<String> duplicatePairs(List<String[]> rows, int column) {
        Map<String, List<Integer>> byValue = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[column] != null) {
                byValue.computeIfAbsent(rows.get(i)[column], value -> new ArrayList<>()).add(i);
            }
        }
        List<String> pairs = new ArrayList<>();
        byValue.values().forEach(indexes -> {
            for (int a = 0; a < indexes.size(); a++) {
                for (int b = a + 1; b < indexes.size(); b++) {
                    pairs.add(indexes.get(a) + "=" + indexes.get(b));
                }
            }
        });
        pairs.sort(null);
        return pairs;
    }

}
