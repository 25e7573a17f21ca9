package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barShowsDoneOfTotalRateAndEstimate() {
        ProgressSnapshot snapshot = new ProgressSnapshot(600, 480, 10, 10, OptionalLong.of(500));
        assertThat(Progress.render(snapshot, Duration.ofSeconds(5)))
                .isEqualTo("[###############...............] 500/1000  100 msg/s  ETA 5s");
    }

    @Test
    void withoutQueueCountsOnlyDoneAndRateAreShown() {
        ProgressSnapshot snapshot = new ProgressSnapshot(10, 10, 0, 0, OptionalLong.empty());
        assertThat(Progress.render(snapshot, Duration.ofSeconds(2))).isEqualTo("10 done  5 msg/s");
    }

    @Test
    void anEmptyQueueIsAFullBarAndLongEstimatesAreInMinutes() {
        assertThat(Progress.render(new ProgressSnapshot(0, 0, 0, 0, OptionalLong.of(0)), Duration.ofSeconds(1)))
                .startsWith("[" + "#".repeat(30) + "] 0/0");
        assertThat(Progress.render(new ProgressSnapshot(10, 10, 0, 0, OptionalLong.of(1500)), Duration.ofSeconds(1)))
                .endsWith("ETA 2m30s");
    }
}
