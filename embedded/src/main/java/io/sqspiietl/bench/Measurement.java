package io.sqspiietl.bench;

import java.time.Duration;

/** Messages moved and the time it took. */
record Measurement(long messages, Duration elapsed) {
    double rate() {
        return messages / (Math.max(elapsed.toNanos(), 1) / 1e9);
    }
}
