package io.sqspiietl.pipeline;

import io.sqspiietl.sink.WriteResult;
import java.time.Duration;

/**
 * Observes a running pipeline, for metrics and health. The run's counts are not reported here: they
 * live in {@link RunCounts}, handed over once at the start. Every method has a no-op default, so an
 * implementation overrides only what it needs, and {@link #NONE} observes nothing.
 *
 * <p>Methods are called from the pipeline's threads (receivers, writer, deleters, scheduler), often
 * concurrently: implementations must be thread-safe, fast and must not throw. Arguments never carry
 * message content, so everything an implementation sees is safe to export.
 */
public interface PipelineListener {
    /** The listener that observes nothing. */
    PipelineListener NONE = new PipelineListener() {
    };

    /** Where a call went; each stage talks to one dependency. */
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
     * @param counts the run's live counts
     * @param gauges the run's live levels: messages in flight, concurrency
     */
    default void started(RunCounts counts, PipelineGauges gauges) {
    }

    /** A call to a dependency succeeded; an empty receive counts, it proves SQS reachable. */
    default void succeeded(Stage stage) {
    }

    /**
     * One database transaction committed.
     *
     * @param result  what it wrote and which redeliveries it skipped
     * @param latency how long the commit took, retries excluded
     */
    default void committed(WriteResult result, Duration latency) {
    }

    /** A valid message carried {@code count} fields that map to no column; they were ignored. */
    default void ignoredUnknownFields(int count) {
    }

    /**
     * The database's key binding stopped matching the run's keyset ({@code false}: a rotation rebound
     * it, and the service loads nothing until it takes up the rotated keyset) or matches again
     * ({@code true}). Not called for a drain, which stops instead.
     */
    default void keyBinding(boolean matches) {
    }

    /**
     * A call to a dependency failed.
     *
     * @param kind a low-cardinality classification such as {@code transient} or {@code permanent}
     */
    default void failed(Stage stage, String kind) {
    }
}
