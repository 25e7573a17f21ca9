package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.TestContracts;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestServices;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One batch that loads several tables is one transaction: exactly once across them, all or nothing. */
class MultiTableSinkIT {
    private static final Contract VISIT = TestContracts.parse("""
            contract: visit
            table: visits
            match: {event_type: visit}
            columns: [{name: page, type: text, max_length: 16, required: true}]
            """);
    private static final Contract ORDER = TestContracts.parse("""
            contract: order
            table: orders
            match: {event_type: order}
            columns: [{name: order_id, type: text, required: true}, {name: total, type: numeric, precision: 6, scale: 2}]
            """);
    private static final MaskingRecord BINDING = new MaskingRecord("deterministic", 1, "test-fingerprint");
    private String jdbcUrl;

    @BeforeEach
    void tablesOfBothContracts() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
        ContractTables.createMissing(new DatabaseSettings(jdbcUrl, null, null), Contracts.of(List.of(VISIT, ORDER)));
    }

    @Test
    void aBatchLoadsEachTableInOneTransactionAndARedeliveryChangesNothing() throws Exception {
        List<SinkRecord> batch = List.of(visit("m1", "/home"), order("m2", "o-1", "9.99"), visit("m3", "/cart"));

        assertThat(write(batch).written()).hasSize(3);
        WriteResult again = write(batch);

        assertThat(again.written()).isEmpty();
        assertThat(again.redelivered()).isEqualTo(3);
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT page FROM visits ORDER BY ctid")).containsExactly("/home", "/cart");
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT order_id || ' ' || total FROM orders")).containsExactly("o-1 9.99");
    }

    @Test
    void aRowOneTableRefusesLeavesTheOtherTablesUntouched() throws Exception {
        Sql.execute(jdbcUrl, "ALTER TABLE orders ADD CONSTRAINT no_free CHECK (total > 0)");

        assertThatThrownBy(() -> write(List.of(visit("m1", "/home"), order("m2", "o-1", "0.00"))))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.refusal()).contains(
                        new SinkException.Refusal("23514", "no_free", null, "org.postgresql.util.PSQLException")));

        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM visits")).isZero();
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger")).isZero();
    }

    @Test
    void aCopyErrorNamesTheColumnOfTheTableItHappenedIn() {
        assertThatThrownBy(() -> write(List.of(order("m1", "o-1", "1.00"), visit("m2", "/a-path-longer-than-sixteen"))))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.refusal().orElseThrow().column()).isEqualTo("page"));
    }

    private WriteResult write(List<SinkRecord> batch) throws SinkException {
        try (PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.open();
            sink.requireBinding(BINDING);
            return sink.write(batch);
        }
    }

    private static SinkRecord visit(String messageId, String page) {
        return new SinkRecord.Load(messageId, new TableRow(VISIT, new Object[] {page}));
    }

    private static SinkRecord order(String messageId, String orderId, String total) {
        return new SinkRecord.Load(messageId, new TableRow(ORDER, new Object[] {orderId, new BigDecimal(total)}));
    }
}
