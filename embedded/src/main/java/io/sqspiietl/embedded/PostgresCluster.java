package io.sqspiietl.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster on disk and the commands that act on it: a private temporary directory holding the data
 * directory ({@code data/}) and the logs of {@code initdb}, {@code pg_ctl} and the server ({@code postgres.log}).
 * It knows how to launch and stop a server process but keeps no state about one; {@link EmbeddedPostgres} does.
 */
final class PostgresCluster {
    static final String SUPERUSER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final PostgresInstallation installation;
    private final ServerAccount account;
    private final Path directory;
    private final Path dataDirectory;

    private PostgresCluster(PostgresInstallation installation, ServerAccount account, Path directory) {
        this.installation = installation;
        this.account = account;
        this.directory = directory;
        // Absolute, because that is how the server reports it and how readiness probes recognise it.
        this.dataDirectory = directory.resolve("data").toAbsolutePath();
    }

    /**
     * Creates a fresh cluster with a trusted superuser {@code postgres}, UTF-8 encoding and the C locale.
     *
     * @throws EmbeddedServiceException if that fails; nothing is left behind
     */
    static PostgresCluster create(PostgresInstallation installation) {
        Path directory;
        try {
            directory = Files.createTempDirectory("sqs-pii-etl-pg-");
        } catch (IOException e) {
            throw new EmbeddedServiceException("Could not create a directory for a PostgreSQL cluster", e);
        }
        try {
            PostgresCluster cluster = new PostgresCluster(
                    installation, ServerAccount.forCreatorOf(directory), directory);
            cluster.initialize();
            return cluster;
        } catch (IOException | RuntimeException e) {
            FileSupport.deleteRecursively(directory);
            throw e instanceof EmbeddedServiceException service ? service
                    : new EmbeddedServiceException("Could not prepare PostgreSQL cluster in " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    Path serverLog() {
        return directory.resolve("postgres.log");
    }

    ServerAccount account() {
        return account;
    }

    /** Launches the server without waiting for it; {@code settings} become {@code -c name=value} options. */
    Process launch(int port, List<String> settings) {
        List<String> command = new ArrayList<>(List.of(installation.executable("postgres").toString(),
                "-D", dataDirectory.toString(), "-p", Integer.toString(port)));
        for (String setting : settings) {
            command.add("-c");
            command.add(setting);
        }
        return account.start(command, serverLog());
    }

    /**
     * Stops a server launched by {@link #launch} and waits for it to exit. Uses {@code pg_ctl}'s fast shutdown,
     * not {@link Process#destroy()}: the latter's SIGTERM asks PostgreSQL for a "smart" shutdown, which waits for
     * every client (connection pools included) to disconnect. SIGKILL is the last resort.
     */
    void shutDown(Process postmaster) {
        try {
            account.run(List.of(installation.executable("pg_ctl").toString(),
                    "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w"),
                    directory.resolve("pg_ctl.log"), COMMAND_TIMEOUT);
        } catch (EmbeddedServiceException e) {
            log.warn("Fast shutdown of the PostgreSQL server for {} failed; killing it", dataDirectory, e);
        }
        try {
            if (!postmaster.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                postmaster.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            postmaster.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the cluster; the server must be stopped. */
    void delete() {
        FileSupport.deleteRecursively(directory);
    }

    private void initialize() throws IOException {
        // Traversable by all, so that nobody can reach the data directory inside it.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectory(dataDirectory);
        account.takeOwnership(dataDirectory);
        account.run(List.of(installation.executable("initdb").toString(),
                "-D", dataDirectory.toString(),
                "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C",
                // Syncing the fresh cluster to disk is pointless for a throw-away server with fsync=off.
                "--no-sync"),
                directory.resolve("initdb.log"), COMMAND_TIMEOUT);
    }
}
