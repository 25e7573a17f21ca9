package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.SourceException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the queue for its approximate counts now and then: the depth operators watch and the progress
 * estimate is based on. Runs periodically on one thread; a failure is reported and retried next
 * period, it never stops the run.
 */
final class BacklogMonitor implements Runnable {
    /** Often enough for a progress estimate, rare enough to cost nothing (one request per period). */
    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(BacklogMonitor.class);

    private final MessageSource source;
    private final RunCounts counts;
    private final PipelineListener listener;

    BacklogMonitor(MessageSource source, RunCounts counts, PipelineListener listener) {
        this.source = source;
        this.counts = counts;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            counts.backlogSeen(source.backlog());
            listener.succeeded(Stage.BACKLOG);
        } catch (SourceException e) {
            listener.failed(Stage.BACKLOG, FailureKinds.of(e));
            LOG.debug("queue counts unavailable ({}); retrying next period", e.getMessage());
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task for good; the next period tries again.
            LOG.warn("queue counts failed with {}", e.getClass().getName());
        }
    }
}
