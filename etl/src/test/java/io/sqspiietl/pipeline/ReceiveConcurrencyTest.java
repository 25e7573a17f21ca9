package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReceiveConcurrencyTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void fullReceivesWhoseRateRisesDoubleTheLimitUpToTheMaximum() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        assertThat(concurrency.limit()).isEqualTo(4);

        interval(concurrency, 10, false); // the first measurement: nothing to compare, full receives grow
        assertThat(concurrency.limit()).isEqualTo(8);
        for (int limit : new int[] {16, 32, 64, 64}) {
            interval(concurrency, 10, false); // twice the receives in the same time: the rate rose
            assertThat(concurrency.limit()).isEqualTo(limit);
        }
    }

    @Test
    void aGrowthThatLeavesTheRateWhereItWasIsKept() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        interval(concurrency, 10, false); // 4 loops, 40 messages in the interval: 160 a second
        assertThat(concurrency.limit()).isEqualTo(8);

        fullAtRate(concurrency, 160); // 8 loops deliver what 4 did, and every receive is still full
        assertThat(concurrency.limit()).isEqualTo(16);
    }

    @Test
    void aGrowthThatLowersTheRateIsUndoneAndGrowthPausesThenProbesByOne() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        interval(concurrency, 10, false); // 160 a second
        assertThat(concurrency.limit()).isEqualTo(8);

        fullAtRate(concurrency, 140); // 8 loops deliver less than 4 did
        assertThat(concurrency.limit()).as("one slow interval: a second look").isEqualTo(8);
        fullAtRate(concurrency, 140); // and again: they contend
        assertThat(concurrency.limit()).isEqualTo(4);
        for (int i = 0; i < ReceiveConcurrency.COOLDOWN_INTERVALS; i++) {
            fullAtRate(concurrency, 160);
            assertThat(concurrency.limit()).as("cooling down, interval %d", i).isEqualTo(4);
        }
        fullAtRate(concurrency, 160);
        assertThat(concurrency.limit()).as("additive probe").isEqualTo(5);
        fullAtRate(concurrency, 140);
        fullAtRate(concurrency, 140);
        assertThat(concurrency.limit()).as("the probe lowered the rate too").isEqualTo(4);
    }

    @Test
    void oneSlowIntervalAfterAGrowthOnlyHoldsAndARecoveredRateLetsItGrowOn() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        interval(concurrency, 10, false); // 160 a second
        assertThat(concurrency.limit()).isEqualTo(8);

        fullAtRate(concurrency, 120); // the new loops' first receives, a pause: a quarter less
        assertThat(concurrency.limit()).isEqualTo(8);
        fullAtRate(concurrency, 160); // back where it was before the growth: kept, and still full
        assertThat(concurrency.limit()).isEqualTo(16);
    }

    @Test
    void aSmallDropWithinTheNoiseDoesNotUndoAGrowth() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        interval(concurrency, 10, false); // 160 a second
        fullAtRate(concurrency, 150); // 6 % less: within the tolerance of ten
        assertThat(concurrency.limit()).isEqualTo(16);
    }

    @Test
    void emptyReceivesHalveTheLimitDownToOne() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        int[] expected = {2, 1, 1};
        for (int limit : expected) {
            interval(concurrency, 0, false);
            assertThat(concurrency.limit()).isEqualTo(limit);
        }
    }

    @Test
    void receiversWaitingForRoomHoldTheLimit() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        interval(concurrency, 10, true);
        assertThat(concurrency.limit()).isEqualTo(4);
    }

    @Test
    void partlyFilledReceivesHoldTheLimit() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        interval(concurrency, 3, false);
        assertThat(concurrency.limit()).isEqualTo(4);
    }

    @Test
    void aPinnedLimitNeverMoves() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.pinned(clock, 5);
        interval(concurrency, 0, false);
        interval(concurrency, 10, false);
        assertThat(concurrency.limit()).isEqualTo(5);
    }

    @Test
    void nothingChangesBeforeEveryLoopReportedOrBeforeTheIntervalEnds() {
        ReceiveConcurrency concurrency = ReceiveConcurrency.adaptive(clock, 64);
        clock.advance(ReceiveConcurrency.INTERVAL);
        for (int i = 0; i < ReceiveConcurrency.INITIAL - 1; i++) {
            concurrency.received(0, false);
        }
        assertThat(concurrency.limit()).isEqualTo(4);
        ReceiveConcurrency early = ReceiveConcurrency.adaptive(clock, 64);
        for (int i = 0; i < 100; i++) {
            early.received(0, false);
        }
        assertThat(early.limit()).isEqualTo(4);
    }

    /** One interval in which each loop of the current limit reports one receive of {@code count} messages. */
    private void interval(ReceiveConcurrency concurrency, int count, boolean waited) {
        clock.advance(ReceiveConcurrency.INTERVAL);
        int loops = concurrency.limit();
        for (int i = 0; i < loops; i++) {
            concurrency.received(count, waited);
        }
    }

    /** One full receive per loop, taking as long as {@code perSecond} messages a second allow. */
    private void fullAtRate(ReceiveConcurrency concurrency, int perSecond) {
        int loops = concurrency.limit();
        clock.advance(Duration.ofMillis(loops * 10 * 1000L / perSecond));
        for (int i = 0; i < loops; i++) {
            concurrency.received(10, false);
        }
    }
}
