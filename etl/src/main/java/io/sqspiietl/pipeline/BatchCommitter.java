package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.Sink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkException.Refusal;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits batches to the sink. Transient failures are retried with backoff for as long as the run
 * goes on. A batch the database refuses for a value is re-run record by record: a record that is
 * refused while others commit is quarantined, so one poison record never blocks the queue; the same
 * refusal many times in a row trips the {@link RefusalBreaker}, and then nothing more is quarantined:
 * a drain stops with the cause, a service reports itself unready and tries again with backoff until
 * the table accepts records again, and an invocation hands the records back uncommitted (see
 * {@link RunKind}). A batch that finds the database rebound to another masking key is
 * handed to {@link KeyRebinding}, and what of it is not committed yet is masked again under the key
 * the run takes up. Not thread-safe: the writer thread owns it.
 */
final class BatchCommitter {
    /** A record the database refused, kept aside until it is clear whether it is poison. */
    private record Refused(Item item, Refusal refusal) {
    }

    /** A write found the database bound to another masking key than the run's; see {@link KeyRebinding}. */
    private static final class Rebound extends Exception {
        private final SinkException failure;

        Rebound(SinkException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);

    private final Sink sink;
    private final CurrentKeyset keyset;
    private final KeyRebinding rebinding;
    private final RunKind kind;
    private final BooleanSupplier stopRequested;
    private final RunCounts counts;
    private final PipelineListener listener;
    private final Incident databaseOutage = new Incident(LOG, "PostgreSQL");
    private final RefusalBreaker breaker = new RefusalBreaker();

    /**
     * @param stopRequested asked before each pause between retries: true ends them (for an invocation, its
     *                      deadline is near)
     */
    BatchCommitter(RunCounts counts, PipelineListener listener, Sink sink, CurrentKeyset keyset, KeyRebinding rebinding,
                   RunKind kind, BooleanSupplier stopRequested) {
        this.counts = counts;
        this.listener = listener;
        this.sink = sink;
        this.keyset = keyset;
        this.rebinding = rebinding;
        this.kind = kind;
        this.stopRequested = stopRequested;
    }

    /**
     * Commits the batch, handing each committed part to {@code committed} as soon as it is committed.
     * Items never handed over were not committed and return to the queue: a stop interrupted the retries,
     * or, in an invocation, the database refuses records systemically.
     *
     * @return the messages of the batch not committed, in order
     * @throws PipelineException when the database fails permanently; in a drain or an invocation, when it
     *     is bound to another masking key than the run's; in a drain, when it refuses records systemically;
     *     in an invocation, when an outage outlasts the retries
     */
    List<QueueMessage> commit(List<Item> batch, Consumer<List<Item>> committed) throws PipelineException {
        // By message: an item made again under a rotated keyset is another Item object.
        Set<QueueMessage> done = Collections.newSetFromMap(new IdentityHashMap<>());
        commitUntilResolved(batch, done, part -> {
            part.forEach(item -> done.add(item.message()));
            committed.accept(part);
        });
        return batch.stream().map(Item::message).filter(message -> !done.contains(message)).toList();
    }

    private void commitUntilResolved(List<Item> batch, Set<QueueMessage> done, Consumer<List<Item>> committed)
            throws PipelineException {
        Backoff whileTripped = new Backoff();
        List<Item> pending = batch;
        while (!pending.isEmpty()) {
            pending = keyset.current(pending);
            try {
                pending = commitOrIsolate(pending, committed);
            } catch (Rebound rebound) {
                if (!rebinding.awaitCurrentKeyset(rebound.failure)) {
                    return;
                }
                pending = pending.stream().filter(item -> !done.contains(item.message())).toList();
                continue;
            }
            if (!pending.isEmpty() && !waitWhileTripped(whileTripped)) {
                return;
            }
        }
    }

    /**
     * Commits the items at once, or, if the database refuses one of them, one by one.
     *
     * @return the items left unresolved because the breaker tripped (see {@link #isolate}); empty otherwise,
     *     also when a stop interrupted the retries
     */
    private List<Item> commitOrIsolate(List<Item> pending, Consumer<List<Item>> committed) throws PipelineException, Rebound {
        try {
            if (write(records(pending)) != null) {
                loadsCommitted(pending);
                committed.accept(pending);
            }
            return List.of();
        } catch (SinkException refused) {
            return isolate(pending, committed);
        }
    }

    /**
     * Re-runs a refused batch one record per transaction. Refused records are quarantined once a later
     * row commits, or at the end of the batch; they are kept aside while the breaker may still trip.
     *
     * @return the items left unresolved because the breaker tripped: the refused records kept aside and
     *     everything after them, in order; empty otherwise
     */
    private List<Item> isolate(List<Item> batch, Consumer<List<Item>> committed) throws PipelineException, Rebound {
        LOG.warn("PostgreSQL refused a batch of {} for a value; committing its records one by one", batch.size());
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Item item = batch.get(i);
            try {
                if (write(List.of(item.record())) == null) {
                    return List.of();
                }
                committed.accept(List.of(item));
                if (loadsCommitted(List.of(item))) {
                    quarantine(refused, committed);
                }
            } catch (SinkException e) {
                Refusal refusal = e.refusal().orElseThrow();
                refused.add(new Refused(item, refusal));
                if (breaker.refused(refusal)) {
                    List<Item> unresolved = new ArrayList<>(refused.stream().map(Refused::item).toList());
                    unresolved.addAll(batch.subList(i + 1, batch.size()));
                    return unresolved;
                }
            }
        }
        quarantine(refused, committed);
        return List.of();
    }

    /** Quarantines records the database refused, in one transaction; the list is emptied. */
    private void quarantine(List<Refused> refused, Consumer<List<Item>> committed) throws PipelineException, Rebound {
        if (refused.isEmpty()) {
            return;
        }
        List<SinkRecord> entries = new ArrayList<>(refused.size());
        for (Refused entry : refused) {
            LOG.warn("message {} refused by PostgreSQL ({}); quarantined as {}", entry.item().message().messageId(),
                    entry.refusal().describe(), QuarantineCause.REJECTED_BY_DATABASE);
            entries.add(keyset.processor().quarantine(entry.item().message(), entry.item().record(),
                    QuarantineCause.REJECTED_BY_DATABASE, entry.refusal()));
        }
        try {
            if (write(entries) != null) {
                committed.accept(refused.stream().map(Refused::item).toList());
            }
        } catch (SinkException quarantineRefused) {
            throw new PipelineException(quarantineRefused.getMessage(), quarantineRefused);
        }
        refused.clear();
    }

    /**
     * After the breaker tripped: a drain stops; a service reports the sink failing and waits; an
     * invocation hands what is left back.
     *
     * @return false when the caller should return with what is left uncommitted: a stop was requested
     *     meanwhile, or the run is an invocation
     */
    private boolean waitWhileTripped(Backoff backoff) throws PipelineException {
        String cause = "PostgreSQL refused " + RefusalBreaker.THRESHOLD + " records in a row for the same reason ("
                + breaker.refusal().describe() + ")";
        switch (kind) {
            case DRAIN -> throw new PipelineException(
                    cause + "; stopped without quarantining them, the messages stay on the queue", null);
            case INVOCATION -> {
                listener.failed(Stage.COMMIT, FailureKinds.PERMANENT);
                LOG.warn("{}; not quarantining them, the messages not committed stay on the queue", cause);
                return false;
            }
            case SERVICE -> {
                listener.failed(Stage.COMMIT, FailureKinds.PERMANENT);
                databaseOutage.failed(cause + "; nothing more is quarantined");
                return pause(backoff.next());
            }
        }
        throw new IllegalStateException("unknown run kind " + kind);
    }

    /**
     * Resets the breaker if {@code items} held a row: only a row committed to a table shows the table
     * accepts rows; a quarantine entry of a message that broke a rule shows nothing about it.
     *
     * @return whether it did
     */
    private boolean loadsCommitted(List<Item> items) {
        boolean loads = items.stream().anyMatch(item -> item.record() instanceof SinkRecord.Load);
        if (loads) {
            breaker.committed();
        }
        return loads;
    }

    private static List<SinkRecord> records(List<Item> items) {
        return items.stream().map(Item::record).toList();
    }

    /**
     * Writes with retries on transient failures.
     *
     * @return the result, or {@code null} when a stop was requested during the retries
     * @throws SinkException when the database refused a value (for the caller to isolate)
     * @throws PipelineException when the database fails permanently; in an invocation, when a stop was
     *     requested during the retries (the outage outlasts its deadline)
     * @throws Rebound when the database is bound to another masking key than the records were masked under
     */
    private WriteResult write(List<SinkRecord> records) throws SinkException, PipelineException, Rebound {
        Backoff backoff = new Backoff();
        while (true) {
            SinkException transientFailure;
            try {
                long start = System.nanoTime();
                WriteResult result = sink.write(records);
                counts.committed(result);
                listener.committed(result, Duration.ofNanos(System.nanoTime() - start));
                databaseOutage.succeeded();
                return result;
            } catch (SinkException e) {
                if (e.kind() == SinkException.Kind.KEY_BINDING_CHANGED) {
                    throw new Rebound(e); // a fact about the key, not a failure of PostgreSQL
                }
                listener.failed(Stage.COMMIT, FailureKinds.of(e));
                switch (e.kind()) {
                    case INVALID_DATA -> throw e;
                    case PERMANENT -> throw new PipelineException(e.getMessage(), e);
                    case TRANSIENT -> databaseOutage.failed(e.getMessage());
                }
                transientFailure = e;
            }
            if (!pause(backoff.next())) {
                if (kind == RunKind.INVOCATION) {
                    throw new PipelineException("PostgreSQL unavailable: " + transientFailure.getMessage()
                            + "; gave up retrying before the deadline, the messages not committed stay on the queue", transientFailure);
                }
                LOG.warn("stopping with {} uncommitted messages; they return to the queue", records.size());
                return null;
            }
        }
    }

    /** Sleeps unless a stop was requested; returns false when the run is stopping. */
    private boolean pause(Duration wait) {
        return Threads.pauseUnless(stopRequested, wait);
    }
}
