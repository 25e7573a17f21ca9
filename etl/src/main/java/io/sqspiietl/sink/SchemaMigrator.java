package io.sqspiietl.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates and upgrades the tool's own tables. Versions are SQL scripts on the class path, applied in
 * order, each in one transaction together with its entry in {@code sqs_pii_etl_schema}. An advisory
 * lock makes concurrent start-ups of several loaders safe. It is the transaction-scoped kind
 * ({@code pg_advisory_xact_lock}), released by the commit: behind a transaction pooler a session-level
 * lock would stay held on whichever server session the pooler hands to another client next. The
 * migration runs under the {@link WaitBounds#BATCH} bounds, the wait for another loader's migration
 * included: a script must run well within them (those so far take milliseconds).
 */
public final class SchemaMigrator {
    /** The scripts, oldest first; a script's version is the number in its name. Never edit a released one. */
    private static final List<String> SCRIPTS = List.of("/db/V1__schema.sql", "/db/V2__masking.sql",
            "/db/V3__quarantine_provenance.sql", "/db/V4__reveal_audit_selection.sql", "/db/V5__contracts.sql",
            "/db/V6__quarantine_without_sent_at.sql");
    private static final Pattern VERSION = Pattern.compile("/db/V(\\d+)__[a-z_]+\\.sql");
    private static final long LOCK_KEY = 0x5153_5049_4945_544CL; // "SQSPIIETL", any constant will do

    private SchemaMigrator() {
    }

    /** Brings the schema up to date. Idempotent. */
    public static void migrate(Connection connection) throws SinkException {
        try (BoundedTransaction transaction = BoundedTransaction.begin(connection, WaitBounds.BATCH);
             Statement statement = connection.createStatement()) {
            lock(connection);
            statement.execute("CREATE TABLE IF NOT EXISTS sqs_pii_etl_schema("
                    + "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            int current = currentVersion(statement);
            for (String script : SCRIPTS) {
                int version = versionOf(script);
                if (version > current) {
                    statement.execute(script(script));
                    statement.execute("INSERT INTO sqs_pii_etl_schema(version) VALUES (" + version + ")");
                }
            }
            transaction.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw SinkException.of("schema migration", e);
        }
    }

    /**
     * Takes the tool's schema lock for the rest of the connection's transaction, so that concurrent
     * start-ups change the schema (and create contract tables) one after the other.
     */
    static void lock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM sqs_pii_etl_schema")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int versionOf(String script) {
        Matcher name = VERSION.matcher(script);
        if (!name.matches()) {
            throw new IllegalStateException("schema script " + script + " is not named /db/V<version>__<name>.sql");
        }
        return Integer.parseInt(name.group(1));
    }

    private static String script(String resource) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the server has already discarded the transaction.
        }
    }
}
