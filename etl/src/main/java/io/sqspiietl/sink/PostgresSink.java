package io.sqspiietl.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link LoginSink} on one PostgreSQL connection, reopened after a failure.
 *
 * <p>Rows are written set-based: each column travels as one array parameter and {@code unnest}
 * turns the arrays back into rows, so a batch of a thousand events is three statements.
 */
public final class PostgresSink implements LoginSink {
    private static final String CLAIM_IN_LEDGER = """
            INSERT INTO sqs_pii_etl_ledger(message_id, outcome)
            SELECT * FROM unnest(?::varchar[], ?::varchar[])
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id""";
    private static final String INSERT_ROWS = """
            INSERT INTO user_logins(user_id, device_type, masked_ip, masked_device_id, locale, app_version, create_date)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::integer[], ?::date[])""";
    private static final String INSERT_QUARANTINE = """
            INSERT INTO user_logins_quarantine(message_id, reason, field, sent_at, sealed_body)
            VALUES (?, ?, ?, ?, ?)""";

    private final DatabaseSettings settings;
    private Connection connection;

    public PostgresSink(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** Connects and brings the tool's schema up to date; call once before the first write. */
    public void open() throws SinkException {
        SchemaMigrator.migrate(connection());
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        if (batch.isEmpty()) {
            return new WriteResult(List.of(), 0);
        }
        List<SinkRecord> distinct = distinctInLockOrder(batch);
        Connection conn = connection();
        try {
            Set<String> claimed = claim(conn, distinct);
            List<SinkRecord> fresh = distinct.stream().filter(r -> claimed.contains(r.messageId())).toList();
            insertRows(conn, fresh);
            insertQuarantine(conn, fresh);
            conn.commit();
            return new WriteResult(fresh, batch.size() - fresh.size());
        } catch (SQLException e) {
            SchemaMigrator.rollbackQuietly(conn);
            SinkException failure = SinkException.of("batch commit", e);
            if (failure.isTransient()) {
                closeConnection(); // the next write starts from a fresh connection
            }
            throw failure;
        }
    }

    /**
     * One record per MessageId (a message redelivered while its first copy waits in the same batch
     * appears twice), sorted so that two loaders with overlapping batches take their ledger locks in
     * the same order and cannot deadlock.
     */
    private static List<SinkRecord> distinctInLockOrder(List<SinkRecord> batch) {
        Map<String, SinkRecord> byId = new TreeMap<>();
        for (SinkRecord record : batch) {
            byId.putIfAbsent(record.messageId(), record);
        }
        return new ArrayList<>(byId.values());
    }

    /** Inserts the batch's MessageIds into the ledger and returns those that were not there yet. */
    private static Set<String> claim(Connection conn, List<SinkRecord> records) throws SQLException {
        String[] ids = new String[records.size()];
        String[] outcomes = new String[records.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = records.get(i).messageId();
            outcomes[i] = records.get(i) instanceof SinkRecord.Load ? "loaded" : "quarantined";
        }
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement statement = conn.prepareStatement(CLAIM_IN_LEDGER)) {
            statement.setArray(1, conn.createArrayOf("varchar", ids));
            statement.setArray(2, conn.createArrayOf("varchar", outcomes));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        return claimed;
    }

    static void insertRows(Connection conn, List<? extends SinkRecord> records) throws SQLException {
        List<UserLoginRow> rows = records.stream()
                .filter(SinkRecord.Load.class::isInstance)
                .map(r -> ((SinkRecord.Load) r).row())
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] userIds = new String[n];
        String[] deviceTypes = new String[n];
        String[] maskedIps = new String[n];
        String[] maskedDeviceIds = new String[n];
        String[] locales = new String[n];
        Integer[] appVersions = new Integer[n];
        String[] createDates = new String[n];
        for (int i = 0; i < n; i++) {
            UserLoginRow row = rows.get(i);
            userIds[i] = row.userId();
            deviceTypes[i] = row.deviceType();
            maskedIps[i] = row.maskedIp();
            maskedDeviceIds[i] = row.maskedDeviceId();
            locales[i] = row.locale();
            appVersions[i] = row.appVersion();
            createDates[i] = row.createDate() == null ? null : row.createDate().toString();
        }
        try (PreparedStatement statement = conn.prepareStatement(INSERT_ROWS)) {
            statement.setArray(1, textArray(conn, userIds));
            statement.setArray(2, textArray(conn, deviceTypes));
            statement.setArray(3, textArray(conn, maskedIps));
            statement.setArray(4, textArray(conn, maskedDeviceIds));
            statement.setArray(5, textArray(conn, locales));
            statement.setArray(6, conn.createArrayOf("integer", appVersions));
            statement.setArray(7, textArray(conn, createDates));
            statement.executeUpdate();
        }
    }

    /** Quarantined messages are rare, so a plain JDBC batch is fast enough here. */
    private static void insertQuarantine(Connection conn, List<SinkRecord> records) throws SQLException {
        try (PreparedStatement statement = conn.prepareStatement(INSERT_QUARANTINE)) {
            int count = 0;
            for (SinkRecord record : records) {
                if (record instanceof SinkRecord.Quarantine q) {
                    statement.setString(1, q.messageId());
                    statement.setString(2, q.reason());
                    statement.setString(3, q.field());
                    statement.setObject(4, q.sentAt().atOffset(ZoneOffset.UTC));
                    statement.setBytes(5, q.sealedBody());
                    statement.addBatch();
                    count++;
                }
            }
            if (count > 0) {
                statement.executeBatch();
            }
        }
    }

    private static Array textArray(Connection conn, String[] values) throws SQLException {
        return conn.createArrayOf("varchar", values);
    }

    private Connection connection() throws SinkException {
        if (connection == null) {
            Connection fresh = settings.connect();
            try {
                fresh.setAutoCommit(false);
            } catch (SQLException e) {
                throw SinkException.of("connect", e);
            }
            connection = fresh;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection may fail; it is discarded either way.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
