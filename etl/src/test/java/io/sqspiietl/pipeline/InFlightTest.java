package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TableRow;
import io.sqspiietl.sink.TestRows;
import io.sqspiietl.source.QueueMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTest {
    private static final TableRow ROW = TestRows.login("u");

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void itemsCountTheirBodyAsAStringAndTheirSealedCopy() {
        QueueMessage message = message("m-1", 1_000);
        assertThat(Item.of(message, quarantine(message, 600), 0).bytes()).isEqualTo(2_600);
        assertThat(Item.of(message, new SinkRecord.Load("m-1", ROW), 0).bytes()).isEqualTo(2_000);
    }

    @Test
    void aReservationWaitsUntilDeletesMakeRoom() throws Exception {
        InFlight inFlight = new InFlight(10_000);
        QueueMessage held = message("m-1", 3_000);
        assertThat(inFlight.reserve(8_000)).isFalse();
        inFlight.hold(List.of(held), NOW);
        assertThat(inFlight.size()).as("in flight from the receive on").isEqualTo(1);
        assertThat(inFlight.bytes()).as("the reservation stands for it until it is processed").isEqualTo(8_000);
        inFlight.admit(List.of(Item.of(held, new SinkRecord.Load("m-1", ROW), 0)), 8_000);
        assertThat(inFlight.bytes()).isEqualTo(6_000);
        assertThat(inFlight.size()).isEqualTo(1);

        CompletableFuture<Boolean> next = new CompletableFuture<>();
        Thread reserving = new Thread(() -> next.complete(reserve(inFlight, 5_000)));
        reserving.start();
        awaitBlocked(reserving);
        assertThat(next).as("6,000 held + 5,000 exceed the budget").isNotDone();
        inFlight.removed(List.of(held));

        assertThat(next.get(5, TimeUnit.SECONDS)).as("had to wait").isTrue();
        assertThat(inFlight.bytes()).isEqualTo(5_000);
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void aMessageLargerThanTheBudgetGoesThroughAlone() throws Exception {
        InFlight inFlight = new InFlight(1_000);
        assertThat(inFlight.reserve(50_000)).isFalse();
        assertThat(inFlight.bytes()).isEqualTo(50_000);
        inFlight.cancel(50_000);
        assertThat(inFlight.bytes()).isZero();
    }

    /** Returns once {@code thread} waits on a monitor, as a reservation that does not fit does. */
    private static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the reservation should block").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static boolean reserve(InFlight inFlight, long bytes) {
        try {
            return inFlight.reserve(bytes);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueueMessage message(String id, int chars) {
        return new QueueMessage(id, "handle-" + id, "x".repeat(chars), NOW, 1);
    }

    private static SinkRecord quarantine(QueueMessage message, int sealedBytes) {
        return new SinkRecord.Quarantine(message.messageId(), message.messageId(),
                QuarantineCause.rejected("parse", null, "not_json", null), NOW, 1, new byte[sealedBytes]);
    }
}
