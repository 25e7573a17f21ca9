package io.sqspiietl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StolenCpuTest {
    @Test
    void theShareIsOfTheTicksElapsedBetweenTheTwoReadings() {
        assertThat(new StolenCpu(40, 300).percentSince(new StolenCpu(10, 100))).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void noTicksElapsedIsNoShare() {
        assertThat(new StolenCpu(10, 100).percentSince(new StolenCpu(10, 100))).isZero();
    }

    @Test
    void readsThisMachinesCountersWhereLinuxHasThem() {
        StolenCpu reading = StolenCpu.now();

        assertThat(reading.stolen()).isBetween(0L, reading.total());
    }
}
