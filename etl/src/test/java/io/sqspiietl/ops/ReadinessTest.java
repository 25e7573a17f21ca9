package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.ops.Readiness.Dependency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");
    private final Readiness readiness = new Readiness(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, Duration.ofSeconds(30));

    @Test
    void notReadyUntilBothDependenciesWereReached() {
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.describe()).isEqualTo("sqs=unknown postgresql=unknown");
        readiness.reached(Dependency.SQS);
        assertThat(readiness.isReady()).isFalse();
        readiness.reached(Dependency.POSTGRESQL);
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.describe()).isEqualTo("sqs=ok postgresql=ok");
    }

    @Test
    void aFailureMakesItUnreadyAtOnceAndASuccessReadyAgain() {
        readiness.reached(Dependency.SQS);
        readiness.reached(Dependency.POSTGRESQL);
        readiness.failed(Dependency.POSTGRESQL);
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.describe()).isEqualTo("sqs=ok postgresql=failing");
        readiness.reached(Dependency.POSTGRESQL);
        assertThat(readiness.isReady()).isTrue();
    }

    @Test
    void aDependencyNotReachedWithinTheWindowIsStale() {
        readiness.reached(Dependency.SQS);
        readiness.reached(Dependency.POSTGRESQL);
        now = now.plusSeconds(20);
        readiness.reached(Dependency.POSTGRESQL);
        now = now.plusSeconds(11);
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.describe()).isEqualTo("sqs=stale postgresql=ok");
    }

    @Test
    void anOutdatedKeysetMakesItUnreadyUntilTheKeyBindingMatchesAgain() {
        readiness.reached(Dependency.SQS);
        readiness.reached(Dependency.POSTGRESQL);
        readiness.keyBinding(false);
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.describe()).isEqualTo("sqs=ok postgresql=ok keyset=outdated");
        readiness.reached(Dependency.POSTGRESQL);
        assertThat(readiness.isReady()).as("reaching PostgreSQL does not fix the key").isFalse();
        readiness.keyBinding(true);
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.describe()).isEqualTo("sqs=ok postgresql=ok");
    }
}
