package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barShowsDoneOfTotalRateAndEstimate() {
        assertThat(Progress.render(500, OptionalLong.of(500), Duration.ofSeconds(5)))
                .isEqualTo("[###############...............] 500/1000  100 msg/s  ETA 5s");
    }

    @Test
    void withoutQueueCountsOnlyDoneAndRateAreShown() {
        assertThat(Progress.render(10, OptionalLong.empty(), Duration.ofSeconds(2))).isEqualTo("10 done  5 msg/s");
    }

    @Test
    void anEmptyQueueIsAFullBarAndLongEstimatesAreInMinutes() {
        assertThat(Progress.render(0, OptionalLong.of(0), Duration.ofSeconds(1))).startsWith("[" + "#".repeat(30) + "] 0/0");
        assertThat(Progress.render(10, OptionalLong.of(1500), Duration.ofSeconds(1))).endsWith("ETA 2m30s");
    }
}
