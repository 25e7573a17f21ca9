package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TestRows;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCountsTest {
    private final RunCounts counts = new RunCounts(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void summaryHoldsEveryOutcomeByKind() {
        counts.received(4);
        counts.committed(new WriteResult(List.of(load("a"), quarantine("b", "not_json"), quarantine("c", "not_json")), 1));
        counts.deleted(4);

        RunSummary summary = counts.summary();

        assertThat(summary.received()).isEqualTo(4);
        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(summary.quarantinedByReason()).isEqualTo(Map.of("not_json", 2L));
        assertThat(summary.redelivered()).isEqualTo(1);
        assertThat(summary.deleted()).isEqualTo(4);
        assertThat(counts.done()).isEqualTo(4);
    }

    @Test
    void remainingDiscountsWhatWasDoneSinceTheQueueWasLastSeen() {
        assertThat(counts.remaining()).isEmpty();
        counts.backlogSeen(new QueueBacklog(90, 10, 0));
        counts.committed(new WriteResult(List.of(load("a"), load("b")), 0));
        assertThat(counts.remaining()).hasValue(98);
        assertThat(counts.lastBacklog()).contains(new QueueBacklog(90, 10, 0));
    }

    private static SinkRecord load(String id) {
        return new SinkRecord.Load(id, TestRows.login("u"));
    }

    private static SinkRecord quarantine(String id, String reason) {
        return new SinkRecord.Quarantine(id, id, QuarantineCause.rejected("parse", null, reason, null), Instant.EPOCH, 1, new byte[0]);
    }
}
