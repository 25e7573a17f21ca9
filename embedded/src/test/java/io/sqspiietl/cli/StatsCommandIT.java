package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.CommandRunner;
import io.sqspiietl.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code stats} over a small known dataset, in every format. */
class StatsCommandIT {
    private final CommandRunner cli = new CommandRunner();
    private String jdbcUrl;

    @BeforeEach
    void knownDataset() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO user_logins(user_id, device_type, masked_ip, masked_device_id, locale, app_version, create_date)
                    VALUES ('u1', 'android', 'ipA', 'devA', 'RU', 2003000, '2024-01-02'),
                           ('u2', 'android', 'ipA', 'devA', NULL, 2003000, '2024-01-02'),
                           ('u3', 'ios',     'ipA', 'devB', 'US', 96000,   '2024-01-01'),
                           ('u4', 'ios',     'ipB', 'devB', 'US', NULL,    '2024-01-02'),
                           ('u5', 'a,"b"',   'ipC', 'devC', NULL, 3007000, NULL)""");
            statement.execute("""
                    INSERT INTO user_logins_quarantine(message_id, reason, field, stage, sent_at, sealed_body)
                    VALUES ('m1', 'missing_field', 'user_id', 'validate', now(), '\\x00'),
                           ('m2', 'missing_field', 'user_id', 'validate', now(), '\\x00'),
                           ('m3', 'bad_app_version', 'app_version', 'validate', now(), '\\x00')""");
        }
    }

    @Test
    void tableShowsTotalsRepeatedValuesAndBreakdowns() {
        assertThat(cli.execute("stats", "--jdbc-url", jdbcUrl)).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("""
                rows                               5
                distinct_masked_device_id          3
                distinct_masked_ip                 3

                top_masked_device_id
                  devA        2
                  devB        2

                top_masked_ip
                  ipA        3

                create_date
                  2024-01-01        1
                  2024-01-02        3
                  (null)            1

                device_type
                  android        2
                  ios            2
                  a,"b"          1

                app_version
                  0.96.0        1
                  2.3.0         2
                  3.7.0         1
                  (null)        1

                quarantine_reason
                  missing_field          2
                  bad_app_version        1
                """);
    }

    @Test
    void jsonIsForTools() {
        assertThat(cli.execute("stats", "--jdbc-url", jdbcUrl, "--format", "json", "--top", "1")).isZero();
        assertThat(cli.out().replaceAll("\\s", ""))
                .startsWith("{\"rows\":5,\"distinct_masked_device_id\":3,\"distinct_masked_ip\":3,")
                .contains("\"top_masked_device_id\":[{\"value\":\"devA\",\"count\":2}]")
                .contains("\"app_version\":[{\"value\":\"0.96.0\",\"count\":1},{\"value\":\"2.3.0\",\"count\":2},"
                        + "{\"value\":\"3.7.0\",\"count\":1},{\"value\":null,\"count\":1}]")
                .endsWith("\"quarantine_reason\":[{\"value\":\"missing_field\",\"count\":2},"
                        + "{\"value\":\"bad_app_version\",\"count\":1}]}");
    }

    @Test
    void csvQuotesValuesThatNeedIt() {
        assertThat(cli.execute("stats", "--jdbc-url", jdbcUrl, "--format", "CSV")).isZero();
        assertThat(cli.out()).startsWith("section,value,count\ntotal,rows,5\n")
                .contains("\ntop_masked_ip,ipA,3\n")
                .contains("\ncreate_date,(null),1\n")
                .contains("\ndevice_type,\"a,\"\"b\"\"\",1\n")
                .endsWith("\nquarantine_reason,bad_app_version,1\n");
    }

    @Test
    void unreachableDatabaseIsOneLineAndExitOne() {
        assertThat(cli.execute("stats", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none")).isEqualTo(1);
        assertThat(cli.err()).startsWith("sqs-pii-etl: PostgreSQL connect failed").hasLineCount(1);
    }

}
