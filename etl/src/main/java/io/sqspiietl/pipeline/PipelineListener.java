package io.sqspiietl.pipeline;

import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Observes a running pipeline, for metrics, health and progress. Every method has a no-op default, so
 * an implementation overrides only what it needs, and {@link #NONE} observes nothing.
 *
 * <p>Methods are called from the pipeline's threads (receivers, writer, deleters, scheduler), often
 * concurrently: implementations must be thread-safe, fast and must not throw. Arguments never carry
 * message content, so everything an implementation sees is safe to export.
 */
public interface PipelineListener {
    /** The listener that observes nothing. */
    PipelineListener NONE = new PipelineListener() {
    };

    /** Where a failure happened; each stage talks to one dependency. */
    enum Stage {
        RECEIVE, DELETE, BACKLOG, COMMIT;

        /** True for the stages that talk to SQS, false for the one that talks to PostgreSQL. */
        public boolean isQueue() {
            return this != COMMIT;
        }
    }

    /**
     * Called once when the run starts.
     *
     * @param inFlight a live count of messages received and neither deleted nor given back yet
     */
    default void started(IntSupplier inFlight) {
    }

    /** A receive succeeded; {@code count} may be 0 (an empty long poll still proves SQS reachable). */
    default void received(int count) {
    }

    /**
     * One database transaction committed.
     *
     * @param result  what it wrote and which redeliveries it skipped
     * @param latency how long the commit took, retries excluded
     */
    default void committed(WriteResult result, Duration latency) {
    }

    /** Committed messages were deleted from the queue. */
    default void deleted(int count) {
    }

    /** The queue reported its approximate counts. */
    default void backlogSeen(QueueBacklog backlog) {
    }

    /**
     * A call to a dependency failed.
     *
     * @param kind a low-cardinality classification such as {@code transient} or {@code permanent}
     */
    default void failed(Stage stage, String kind) {
    }

    /** A listener that passes every event to {@code first}, then to {@code second}. */
    static PipelineListener both(PipelineListener first, PipelineListener second) {
        return new PipelineListener() {
            @Override
            public void started(IntSupplier inFlight) {
                first.started(inFlight);
                second.started(inFlight);
            }

            @Override
            public void received(int count) {
                first.received(count);
                second.received(count);
            }

            @Override
            public void committed(WriteResult result, Duration latency) {
                first.committed(result, latency);
                second.committed(result, latency);
            }

            @Override
            public void deleted(int count) {
                first.deleted(count);
                second.deleted(count);
            }

            @Override
            public void backlogSeen(QueueBacklog backlog) {
                first.backlogSeen(backlog);
                second.backlogSeen(backlog);
            }

            @Override
            public void failed(Stage stage, String kind) {
                first.failed(stage, kind);
                second.failed(stage, kind);
            }
        };
    }
}
