package io.sqspiietl.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * An outage of one dependency, logged once when it begins and once when it ends, however many
 * threads and attempts run into it in between. Thread-safe.
 */
final class Incident {
    private final Logger log;
    private final String dependency;
    private final AtomicBoolean ongoing = new AtomicBoolean();

    Incident(Logger log, String dependency) {
        this.log = log;
        this.dependency = dependency;
    }

    /** Records a failed attempt; only the first one of an outage is logged. */
    void failed(String error) {
        if (ongoing.compareAndSet(false, true)) {
            log.warn("{} unavailable: {}; retrying with backoff, no message is lost", dependency, error);
        }
    }

    /** Records a successful attempt; logs the end of an ongoing outage. */
    void succeeded() {
        if (ongoing.get() && ongoing.compareAndSet(true, false)) {
            log.info("{} available again", dependency);
        }
    }
}
