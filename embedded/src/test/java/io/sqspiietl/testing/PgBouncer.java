package io.sqspiietl.testing;

import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PgBouncer process in front of the test PostgreSQL: the operating system's {@code pgbouncer}
 * binary with an ini file of its own in a temporary directory, listening on a free port of
 * {@code 127.0.0.1}, trusting every client, and forwarding any database name to the same database of the
 * embedded server. As root it runs as {@code nobody}, as the embedded PostgreSQL does ({@link ServerAccount}),
 * because PgBouncer refuses to run as root too. {@link #close()} stops it and deletes its directory.
 *
 * <p>The ini file is what a user's needs to be, no more: no {@code ignore_startup_parameters}, because the
 * tool's connections send only startup parameters that PgBouncer tracks itself.
 *
 * <p>PgBouncer is an operating-system package, not a Maven artifact. Where it is not installed,
 * {@link #requireInstalled()} aborts the calling tests with one line saying so, unless the environment
 * variable {@value #REQUIRED} is {@code 1} ({@code .ci/run} sets it): then a missing PgBouncer fails them,
 * so CI cannot pass without running them.
 */
public final class PgBouncer implements AutoCloseable {
    /** The environment variable that turns a missing PgBouncer from a skipped test into a failed one. */
    public static final String REQUIRED = "SQS_PII_ETL_REQUIRE_PGBOUNCER";
    /**
     * Server connections per database and user: fewer than the clients of a test, so that in transaction mode
     * the transactions of different client connections really take turns on the same server sessions.
     */
    private static final int SERVER_CONNECTIONS = 2;
    private static final long STARTUP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
    private static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(PgBouncer.class);
    private static final AtomicBoolean MISSING_REPORTED = new AtomicBoolean();

    /** When PgBouncer hands a server connection to another client. */
    public enum PoolMode {
        /** After every transaction: what RDS Proxy and Supavisor do too, and the mode that breaks session state. */
        TRANSACTION,
        /** When the client disconnects. */
        SESSION
    }

    private final Process process;
    private final Path directory;
    private final int port;
    private final int postgresPort;

    private PgBouncer(Process process, Path directory, int port, int postgresPort) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.postgresPort = postgresPort;
    }

    /**
     * The {@code pgbouncer} executable; aborts the calling test (or fails it, see {@value #REQUIRED}) where
     * PgBouncer is not installed. Call it per test, not once per class: an abort in {@code @BeforeAll} makes
     * the build report the class as zero tests run rather than as skipped tests.
     */
    public static Path requireInstalled() {
        Optional<Path> executable = Executables.locate("pgbouncer");
        if (executable.isEmpty()) {
            String missing = "PgBouncer is not installed (apt-get install -y pgbouncer)";
            if ("1".equals(System.getenv(REQUIRED))) {
                throw new AssertionError(missing + ", and " + REQUIRED + "=1 requires the tests through a connection pooler");
            }
            // The build's output names skipped tests but not why: say it here, once per test JVM.
            String skipped = missing + ": the tests through a connection pooler did not run";
            if (MISSING_REPORTED.compareAndSet(false, true)) {
                LOG.warn(skipped);
            }
            Assumptions.abort(skipped);
        }
        return executable.get();
    }

    /** Starts PgBouncer in {@code mode} in front of {@code postgres} and waits until it accepts connections. */
    public static PgBouncer start(PoolMode mode, EmbeddedPostgres postgres) throws IOException, InterruptedException {
        Path executable = requireInstalled();
        Path directory = Files.createTempDirectory("sqs-pii-etl-pgbouncer-");
        ServerAccount account = ServerAccount.forCreatorOf(directory);
        account.takeOwnership(directory);
        int port = freePort();
        Path ini = directory.resolve("pgbouncer.ini");
        Path users = directory.resolve("userlist.txt");
        Files.writeString(users, "\"postgres\" \"\"\n");
        Files.writeString(ini, String.join("\n",
                "[databases]",
                "* = host=" + HOST + " port=" + postgres.port(),
                "[pgbouncer]",
                "listen_addr = " + HOST,
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + users,
                "pool_mode = " + mode.name().toLowerCase(Locale.ROOT),
                "default_pool_size = " + SERVER_CONNECTIONS,
                "max_client_conn = 200",
                ""));
        Process process = account.start(List.of(executable.toString(), ini.toString()), directory.resolve("pgbouncer.log"));
        PgBouncer bouncer = new PgBouncer(process, directory, port, postgres.port());
        try {
            bouncer.awaitReady();
            return bouncer;
        } catch (RuntimeException | InterruptedException e) {
            bouncer.close();
            throw e;
        }
    }

    /** The same database as {@code directJdbcUrl}, a URL of the embedded PostgreSQL, reached through PgBouncer. */
    public String jdbcUrl(String directJdbcUrl) {
        String direct = HOST + ":" + postgresPort + "/";
        if (!directJdbcUrl.contains(direct)) {
            throw new IllegalArgumentException("not a URL of the PostgreSQL behind this PgBouncer: " + directJdbcUrl);
        }
        return directJdbcUrl.replace(direct, HOST + ":" + port + "/");
    }

    /** Stops PgBouncer (SIGTERM: immediate shutdown) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MS;
        Properties probe = new Properties();
        probe.setProperty("connectTimeout", "2");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with code " + process.exitValue() + ":\n" + log());
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl("jdbc:postgresql://" + HOST + ":"
                    + postgresPort + "/postgres?user=postgres"), probe)) {
                if (connection.isValid(2)) {
                    return;
                }
            } catch (SQLException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("pgbouncer did not accept connections within "
                            + STARTUP_TIMEOUT_MS + " ms:\n" + log(), notYet);
                }
            }
            Thread.sleep(50);
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
