package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run does when a batch finds the database bound to another masking key than its own, because
 * {@code rekey} rebound it after {@code keys rotate}. A drain stops: it has an end, and the operator
 * runs it again with the rotated keyset. So does an invocation: its keyset comes with its deployment,
 * and a deployment with the rotated keyset replaces it. A service is meant to outlive rotations: it reports itself
 * unready, loads nothing, and takes up the keyset the database is bound to as soon as there is one
 * ({@link KeysetSwap}), trying at once and then every {@link #RETRY_PERIOD}. Not thread-safe: the
 * writer thread owns it.
 */
final class KeyRebinding {
    /**
     * How often a waiting service looks for the rotated keyset. A Kubernetes secret volume takes up to a
     * minute or two to show a new secret; one small query every few seconds costs nothing meanwhile.
     */
    static final Duration RETRY_PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(KeyRebinding.class);

    private final PipelineListener listener;
    private final CurrentKeyset keyset;
    private final KeysetSwap swap;
    private final RunKind kind;
    private final BooleanSupplier stopRequested;

    KeyRebinding(PipelineListener listener, CurrentKeyset keyset, KeysetSwap swap, RunKind kind,
                 BooleanSupplier stopRequested) {
        this.listener = listener;
        this.keyset = keyset;
        this.swap = swap;
        this.kind = kind;
        this.stopRequested = stopRequested;
    }

    /**
     * Waits until the run masks under the key the database is bound to.
     *
     * @param rebound the failure of the batch that found the database rebound
     * @return true once the run took up that keyset; false when a stop was requested first
     * @throws PipelineException in a drain or an invocation, which stop instead
     */
    boolean awaitCurrentKeyset(SinkException rebound) throws PipelineException {
        if (!kind.waits()) {
            throw new PipelineException(rebound.getMessage() + "; stopped without committing under the old key, the "
                    + "messages stay on the queue: run again with the rotated keyset", rebound);
        }
        Optional<MessageProcessor> next = swap.next();
        if (next.isPresent()) {
            keyset.replace(next.get());
            LOG.info("{}; took up the keyset file's new key, masking again what was in flight", rebound.getMessage());
            return true;
        }
        LOG.warn("{}; loading nothing and not ready until the keyset file holds that key (looking every {} s)",
                rebound.getMessage(), RETRY_PERIOD.toSeconds());
        listener.keyBinding(false);
        while (next.isEmpty()) {
            if (!Threads.pauseUnless(stopRequested, RETRY_PERIOD)) {
                return false;
            }
            next = swap.next();
        }
        keyset.replace(next.get());
        listener.keyBinding(true);
        LOG.info("took up the key the database is bound to from the keyset file; ready and loading again");
        return true;
    }
}
