package io.sqspiietl.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example purchase contract end to end through the command line: loaded by its policies, routed
 * beside the login contract on one queue, checked against its table, replayed after a fix, re-masked
 * by {@code rekey} and revealed by table and column.
 */
class ContractsIT {
    private static final String PURCHASE = PurchaseEvents.CONTRACT.toString();
    private static final List<String> CARD_NUMBERS =
            List.of("4111111111111111", "5500005555555559", "340000000000009", "6011000000000004");

    @TempDir
    Path dir;

    private final CommandRunner cli = new CommandRunner();
    private String jdbcUrl;
    private Path keysetFile;
    private MaskingKeyset keyset;

    @BeforeEach
    void keysetAndDatabase() throws Exception {
        jdbcUrl = TestServices.newDatabase();
        keysetFile = dir.resolve("keyset.json");
        keyset = MaskingKeyset.generate();
        keyset.writeNew(keysetFile);
    }

    @Test
    void purchasesLoadIntoTheirTableWithEachColumnsPolicyApplied() throws Exception {
        String queueUrl = queueWith(PurchaseEvents.lines());

        assertThat(run(queueUrl, "--contract", PURCHASE, "--create-tables")).as(cli.err()).isZero();

        List<JsonNode> valid = PurchaseEvents.validPurchases();
        assertThat(valid).hasSize(56);
        assertThat(count("purchases")).isEqualTo(56);
        assertThat(quarantine()).containsOnly(entry("purchase|missing_field|order_id", 1L), entry("purchase|bad_numeric|order_total", 1L),
                entry("purchase|too_long|order_currency", 1L), entry("purchase|bad_ip|customer_ip", 1L),
                entry("purchase|bad_integer|order_items", 1L), entry("purchase|bad_boolean|gift", 1L),
                entry("null|no_contract|event_type", 1L));
        Map<String, List<String>> rows = rowsByOrder("SELECT order_id, customer_id, masked_email, phone_hash, client_network::text,"
                + " card_last4, total::text, currency, item_count::text, gift::text, sqs_message_id, sns_topic_arn,"
                + " loaded_at IS NOT NULL FROM purchases");
        for (JsonNode event : valid) {
            JsonNode order = event.path("order");
            JsonNode customer = event.path("customer");
            List<String> row = rows.get(order.path("id").asText());
            assertThat(row.get(0)).isEqualTo(customer.path("id").asText());
            assertThat(keyset.fieldMasker().reveal(MaskDomain.of("customer_email"), row.get(1))).isEqualTo(customer.path("email").asText());
            assertThat(row.get(2)).isEqualTo(keyset.hmacMasker().orElseThrow().mask(MaskDomain.of("customer_phone"),
                    customer.path("phone").asText())).hasSize(50);
            assertThat(row.get(3)).isEqualTo(network(customer.path("ip").asText()));
            assertThat(row.get(4)).isEqualTo(event.path("payment").path("card_last4").asText());
            assertThat(row.get(5)).isEqualTo(String.format(Locale.ROOT, "%.2f", order.path("total").asDouble()));
            assertThat(row.subList(6, 9)).containsExactly(order.path("currency").asText(), order.path("items").asText(),
                    event.path("gift").asText());
            assertThat(row.get(9)).isNotBlank();
            assertThat(row.subList(10, 12)).containsExactly(null, "t");
        }
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT count(DISTINCT masked_email) FROM purchases")).containsExactly(
                String.valueOf(valid.stream().map(e -> e.path("customer").path("email").asText()).distinct().count()));
        String everything = dumpAllTables();
        assertThat(CARD_NUMBERS).noneSatisfy(card -> assertThat(everything).contains(card));
        assertThat(everything).doesNotContain(valid.get(0).path("customer").path("email").asText(),
                valid.get(0).path("customer").path("phone").asText());
    }

    @Test
    void aMixedQueueLoadsEachEventTypeIntoItsOwnTable() throws Exception {
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        bodies.addAll(PurchaseEvents.lines());
        String queueUrl = queueWith(bodies);

        assertThat(run(queueUrl, "--contract", "builtin:login," + PURCHASE, "--create-tables")).as(cli.err()).isZero();

        assertThat(count("user_logins")).isEqualTo(99);
        assertThat(count("purchases")).isEqualTo(56);
        assertThat(count("sqs_pii_etl_ledger")).isEqualTo(163);
        // The refund matches no contract with a match rule, so the login contract takes it, and refuses it.
        assertThat(quarantine()).containsEntry("login|missing_field|user_id", 2L).containsEntry("purchase|bad_ip|customer_ip", 1L)
                .hasSize(7);
        assertThat(cli.execute("stats", "--jdbc-url", jdbcUrl, "--contract", "builtin:login," + PURCHASE)).isZero();
        assertThat(cli.out()).contains("== contract login (table user_logins)\n" + total("rows", 99),
                "== contract purchase (table purchases)\n" + total("rows", 56),
                "\ncurrency\n  EUR ", "\nquarantine_reason\n  missing_field        2\n");
    }

    @Test
    void aTableThatCannotTakeTheContractsRowsStopsTheRunWithOneLineAndLeavesTheQueue() throws Exception {
        String queueUrl = queueWith(PurchaseEvents.lines());

        assertThat(run(queueUrl, "--contract", PURCHASE)).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: contract purchase: table purchases does not exist; create it "
                + "('contract ddl' prints its CREATE TABLE) or run with --create-tables\n");

        assertThat(cli.execute("contract", "ddl", PURCHASE)).isZero();
        Sql.execute(jdbcUrl, cli.out().replace("total numeric(12,2) NOT NULL", "total text NOT NULL"));
        assertThat(run(queueUrl, "--contract", PURCHASE)).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: contract purchase: table purchases: column total: "
                + "expected numeric(12,2), found text\n");

        Sql.execute(jdbcUrl, "ALTER TABLE purchases ALTER COLUMN total TYPE numeric(12,2) USING total::numeric");
        Sql.execute(jdbcUrl, "ALTER TABLE purchases DROP COLUMN gift");
        assertThat(run(queueUrl, "--contract", PURCHASE)).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: contract purchase: table purchases has no column gift (boolean)\n");
        assertThat(TestServices.backlog(queueUrl).visible()).isEqualTo(PurchaseEvents.lines().size());
    }

    @Test
    void replayAfterAFixOfTheContractLoadsWhatItQuarantinedOnce() throws Exception {
        Path strict = Files.writeString(dir.resolve("strict.yaml"), Files.readString(PurchaseEvents.CONTRACT)
                .replace("    type: text\n    max_length: 3\n", "    type: text\n    max_length: 2\n"));
        String queueUrl = queueWith(PurchaseEvents.lines());
        assertThat(run(queueUrl, "--contract", strict.toString(), "--create-tables")).as(cli.err()).isZero();
        assertThat(count("purchases")).isZero();
        // Every purchase has a three-letter currency, and those that break a later rule break this one first.
        assertThat(quarantine()).containsEntry("purchase|too_long|order_currency", 59L);

        // The table was created from the strict contract: its column must be widened too (the tool never alters a table).
        Sql.execute(jdbcUrl, "ALTER TABLE purchases ALTER COLUMN currency TYPE varchar(3)");
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", keysetFile.toString(), "--contract", PURCHASE))
                .as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("loaded 56, duplicates removed 0, still quarantined 7, unreadable with this keyset 0\n");
        assertThat(cli.execute("replay", "--jdbc-url", jdbcUrl, "--keyset", keysetFile.toString(), "--contract", PURCHASE))
                .isZero();
        assertThat(cli.out()).startsWith("loaded 0,");
        assertThat(count("purchases")).isEqualTo(56);
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT count(DISTINCT order_id) FROM purchases")).containsExactly("56");
        assertThat(quarantine()).as("EURO is too long for the fixed contract too").containsEntry("purchase|too_long|order_currency", 1L)
                .hasSize(7);
    }

    @Test
    void rekeyRemasksTheMaskColumnsOfEveryTableKeepsHmacAndRevealTakesTheTableAndColumn() throws Exception {
        List<String> bodies = new ArrayList<>(SyntheticLogins.takeHomeSample());
        bodies.addAll(PurchaseEvents.lines());
        assertThat(run(queueWith(bodies), "--contract", "builtin:login," + PURCHASE, "--create-tables")).isZero();
        Map<String, List<String>> before = rowsByOrder("SELECT order_id, masked_email, phone_hash FROM purchases");

        assertThat(cli.execute("keys", "rotate", "--keyset", keysetFile.toString())).as(cli.err()).isZero();
        assertThat(cli.execute("rekey", "--keyset", keysetFile.toString(), "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();

        MaskingKeyset rotated = MaskingKeyset.read(keysetFile);
        Map<String, List<String>> after = rowsByOrder("SELECT order_id, masked_email, phone_hash FROM purchases");
        MaskDomain email = MaskDomain.of("customer_email");
        assertThat(after).hasSize(56);
        for (Map.Entry<String, List<String>> row : after.entrySet()) {
            List<String> old = before.get(row.getKey());
            assertThat(row.getValue().get(0)).isNotEqualTo(old.get(0))
                    .isEqualTo(rotated.fieldMasker().mask(email, keyset.fieldMasker().reveal(email, old.get(0))));
            assertThat(row.getValue().get(1)).as("hmac masks stay").isEqualTo(old.get(1));
        }
        assertThat(cli.execute("reveal", "--keyset", keysetFile.toString(), "--jdbc-url", jdbcUrl, "--table", "purchases",
                "--column", "masked_email", "--reason", "DSAR-7", "--where", "c-01")).as(cli.err()).isZero();
        List<String> revealed = cli.out().lines().distinct().toList();
        assertThat(revealed).containsExactly("c-01\t" + PurchaseEvents.validPurchases().stream()
                .filter(e -> e.path("customer").path("id").asText().equals("c-01"))
                .map(e -> e.path("customer").path("email").asText()).findFirst().orElseThrow());
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT table_name || '.' || column_name || ' ' || field FROM sqs_pii_etl_reveal_audit"))
                .containsExactly("purchases.masked_email customer_email");
        assertThat(cli.execute("reveal", "--keyset", keysetFile.toString(), "--jdbc-url", jdbcUrl, "--column", "phone_hash",
                "--reason", "x", "irrelevant")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: purchases.phone_hash holds hmac masks, which are irreversible by design\n");
    }

    @Test
    void aContractThatWouldMixTwoKindsOfMaskInOneColumnIsRefused() throws Exception {
        assertThat(run(queueWith(PurchaseEvents.lines()), "--contract", PURCHASE, "--create-tables")).isZero();
        Path hashed = Files.writeString(dir.resolve("hashed.yaml"), Files.readString(PurchaseEvents.CONTRACT)
                .replace("    max_bytes: 254\n    policy: mask\n", "    max_bytes: 254\n    policy: hmac\n"));

        assertThat(run(queueWith(PurchaseEvents.lines()), "--contract", hashed.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("sqs-pii-etl: --contract: contract purchase would store hmac masks of field "
                + "customer_email in purchases.masked_email, which holds mask masks of field customer_email (recorded by "
                + "contract purchase); one column never mixes two kinds of mask\n");
    }

    @Test
    void contractCheckSaysWhatAContractDoesAndDdlPrintsItsTable() {
        assertThat(cli.execute("contract", "check", "builtin:login", PURCHASE)).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("""
                contract login -> table user_logins: takes the messages no other contract matches; 7 columns stored (5 keep, 2 mask)
                contract purchase -> table purchases: takes event_type: purchase; 14 columns stored (1 hmac, 1 ip-prefix, 11 keep, 1 mask), 1 dropped
                ok: 2 contracts, routed on event_type
                """);

        assertThat(cli.execute("contract", "check", "../examples/purchase/events.jsonl")).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).startsWith("sqs-pii-etl: ../examples/purchase/events.jsonl:");
    }

    private int run(String queueUrl, String... contractOptions) {
        List<String> args = new ArrayList<>(List.of("run", "--until-empty", "--queue-url", queueUrl, "--sqs-endpoint",
                TestServices.sqs().endpoint().toString(), "--sqs-protocol", "json", "--jdbc-url", jdbcUrl,
                "--keyset", keysetFile.toString()));
        args.addAll(List.of(contractOptions));
        return cli.execute(args.toArray(String[]::new));
    }

    /** A total line of {@code stats}. */
    private static String total(String name, long count) {
        return String.format(Locale.ROOT, "%-27s %8d%n", name, count);
    }

    private static String queueWith(List<String> bodies) {
        String queueUrl = TestServices.newQueue();
        TestServices.send(queueUrl, SqsProtocol.JSON, bodies);
        return queueUrl;
    }

    private long count(String table) throws Exception {
        return TestServices.count(jdbcUrl, "SELECT count(*) FROM " + table);
    }

    /** {@code contract|reason|field} of the quarantine, and how many rows have it. */
    private Map<String, Long> quarantine() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : Sql.firstColumn(jdbcUrl, "SELECT coalesce(contract, 'null') || '|' || reason || '|' || "
                + "coalesce(field, 'null') FROM user_logins_quarantine")) {
            counts.merge(line, 1L, Long::sum);
        }
        return counts;
    }

    /** The rows of {@code sql}, by their first column, each with its other columns as text. */
    private Map<String, List<String>> rowsByOrder(String sql) throws Exception {
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 2; c <= columns; c++) {
                    values.add(rs.getString(c));
                }
                rows.put(rs.getString(1), values);
            }
        }
        return rows;
    }

    /** Every value of every table of the database, as text: where no card number may be. */
    private String dumpAllTables() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String table : Sql.firstColumn(jdbcUrl, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                while (rs.next()) {
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        byte[] raw = rs.getBytes(c);
                        text.append(raw == null ? "" : new String(raw, StandardCharsets.UTF_8)).append('|');
                    }
                }
            }
        }
        return text.toString();
    }

    /** The /24 of an IPv4 address or the /48 of an IPv6 one, as PostgreSQL prints a cidr. */
    private static String network(String ip) {
        if (ip.contains(":")) {
            String[] groups = ip.split(":");
            return groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48";
        }
        return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
    }
}
