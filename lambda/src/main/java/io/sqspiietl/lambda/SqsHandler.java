package io.sqspiietl.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.pipeline.BatchOutcome;
import io.sqspiietl.pipeline.InvocationLoader;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.PostgresSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Lambda entry point ({@value #HANDLER}): behind an SQS event source mapping with
 * {@code ReportBatchItemFailures}, it loads each batch as {@code run} loads a receive, by the same contracts,
 * masking, ledger, quarantine and breaker ({@link InvocationLoader}), and reports back which messages failed.
 * Lambda deletes the others; the handler has no SQS client at all.
 * <ul>
 *   <li>A message quarantined for its data is done, not failed: its quarantine entry is committed.</li>
 *   <li>A database outage, a permanent failure or a database rebound to another key fails the invocation
 *       ({@link BatchFailedException}): the whole batch returns to the queue.</li>
 *   <li>A systemic refusal (the breaker) reports every message not committed as failed: they stay queued.</li>
 *   <li>On a FIFO queue, a group's first failure reports the rest of that group as failed too.</li>
 * </ul>
 * Init (the constructor) reads the configuration from {@code run}'s environment variables, checks what
 * {@code run} checks and connects; invocations reuse the connection. For SnapStart, the connection is closed
 * before the snapshot and opened again after a restore ({@link Resource}).
 *
 * <p>Thread-safe: invocations, and the snapshot's hooks, run one at a time.
 */
public final class SqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    /** The handler setting of the function. */
    public static final String HANDLER = "io.sqspiietl.lambda.SqsHandler::handleRequest";
    /**
     * The batch size the function is made for (the event source mapping's {@code BatchSize}): big enough that
     * a table refusing every record trips the breaker within one batch ({@link InvocationLoader#SYSTEMIC_REFUSALS}
     * alike in a row) rather than quarantining the batch as poison, and small enough to commit in milliseconds.
     * The invocation's 6 MB payload limit bounds its bytes. A FIFO queue's mapping takes at most 10.
     */
    public static final int BATCH_SIZE = 100;
    /**
     * The time an attempt to commit must find left in the invocation before it starts: the longest a
     * write may wait on PostgreSQL ({@link PostgresSink#LONGEST_WRITE}) and a margin for processing the
     * batch. Retries stop short of it, so an outage ends the invocation with its own line, never with
     * Lambda's timeout. The function's timeout must be at least this.
     */
    public static final Duration ATTEMPT_RESERVE = PostgresSink.LONGEST_WRITE.plus(Duration.ofSeconds(10));

    private static final Logger LOG = LoggerFactory.getLogger(SqsHandler.class);

    private final InvocationLoader loader;

    /**
     * Lambda's constructor: the configuration comes from the process environment.
     *
     * @throws InitException one line naming what to fix; Lambda reports the init as failed
     */
    public SqsHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    SqsHandler(Map<String, String> environment, Clock clock) {
        FunctionSettings settings = FunctionSettings.from(environment);
        settings.logFormat().apply();
        LOG.atInfo().addKeyValue("jdbc_url", settings.database().redactedUrl())
                .addKeyValue("db_user", settings.database().user() == null ? "unset" : settings.database().user())
                .addKeyValue("db_password", settings.database().password() == null ? "none" : "<masked>")
                .addKeyValue("keyset", settings.keyset())
                .addKeyValue("mask", settings.mask().map(MaskingMode::label).orElse("unset"))
                .addKeyValue("contract", settings.contracts())
                .addKeyValue("sns_envelope", settings.envelopes())
                .addKeyValue("create_tables", settings.createTables())
                .log("starting the Lambda handler");
        this.loader = FunctionStartup.open(settings, clock);
        Core.getGlobalContext().register(this);
    }

    /**
     * Loads one batch.
     *
     * @return the messages to leave on the queue; Lambda deletes the rest
     * @throws BatchFailedException when the database cannot take the batch: the whole batch returns to the queue
     */
    @Override
    public synchronized SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long start = System.nanoTime();
        EventBatch batch = EventBatch.of(event);
        BatchOutcome outcome;
        try {
            outcome = loader.load(batch.messages(),
                    () -> context.getRemainingTimeInMillis() < ATTEMPT_RESERVE.toMillis());
        } catch (PipelineException e) {
            LOG.atError().addKeyValue("messages", batch.messages().size())
                    .log("batch failed, it returns to the queue: {}", e.getMessage());
            throw new BatchFailedException(e.getMessage());
        }
        List<String> failed = batch.failedIds(outcome.heldBack());
        LOG.atInfo().addKeyValue("messages", batch.messages().size()).addKeyValue("loaded", outcome.loaded())
                .addKeyValue("quarantined", outcome.quarantined()).addKeyValue("redelivered", outcome.redelivered())
                .addKeyValue("failed", failed.size()).addKeyValue("fifo", batch.fifo())
                .addKeyValue("millis", Duration.ofNanos(System.nanoTime() - start).toMillis())
                .log("batch done");
        return new SQSBatchResponse(failed.stream().map(BatchItemFailure::new).toList());
    }

    /** Before a SnapStart snapshot: no connection may be in it, its peer would be gone at restore. */
    @Override
    public synchronized void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        loader.disconnect();
        LOG.info("closed the database connection for the snapshot");
    }

    /**
     * After a restore: connects again and checks the schema. A database unreachable now is not a failed
     * restore: the first batch connects, and an outage then fails it as any other.
     */
    @Override
    public synchronized void afterRestore(org.crac.Context<? extends Resource> context) {
        try {
            loader.connect();
            LOG.info("connected to the database again after the restore");
        } catch (PipelineException e) {
            LOG.warn("cannot connect to the database after the restore ({}); the first batch tries again", e.getMessage());
        }
    }
}
