package io.sqspiietl.pipeline;

import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps messages whose batch is still in flight (a slow or unreachable database) invisible to other
 * consumers, so they are not redelivered and processed again while their first copy waits.
 *
 * <p>Runs periodically on one thread. A message in flight for longer than {@link #EXTEND_AFTER}
 * gets its visibility timeout set to {@link #EXTEND_TO} from now; SQS's default timeout of 30 s
 * thus never runs out for a message this loader still holds. Queues configured with a timeout shorter
 * than {@link #EXTEND_AFTER} may still see redeliveries, which the ledger turns into no-ops.
 */
final class VisibilityHeartbeat implements Runnable {
    static final Duration PERIOD = Duration.ofSeconds(5);
    static final Duration EXTEND_AFTER = Duration.ofSeconds(10);
    static final Duration EXTEND_TO = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(VisibilityHeartbeat.class);

    private final MessageSource source;
    private final InFlight inFlight;
    private final Clock clock;

    VisibilityHeartbeat(MessageSource source, InFlight inFlight, Clock clock) {
        this.source = source;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        List<QueueMessage> due = inFlight.heldSince(now.minus(EXTEND_AFTER));
        if (due.isEmpty()) {
            return;
        }
        try {
            source.changeVisibility(due, EXTEND_TO);
            inFlight.renewed(due, now);
            LOG.debug("extended visibility of {} messages still in flight", due.size());
        } catch (SourceException e) {
            LOG.debug("visibility extension failed ({}); retrying next period", e.getMessage());
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task for good; the next period tries again.
            LOG.warn("visibility extension failed with {}", e.getClass().getName());
        }
    }
}
