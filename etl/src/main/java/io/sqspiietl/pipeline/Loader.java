package io.sqspiietl.pipeline;

import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsSettings;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Assembles a pipeline from settings: the SQS source, the PostgreSQL sink with its schema, and the
 * processing stage between them. Connects eagerly, so a wrong queue or database fails at {@link #open}
 * with a clear message instead of in the middle of a run. The queue and the database are reached in
 * parallel, and both while the processing stage is built (the keyset read and checked): each takes a
 * few hundred milliseconds in a fresh JVM, which a drain of a small queue would otherwise wait for one
 * after the other. Every batch's transaction confirms that the database is bound to the processing
 * stage's key ({@link PostgresSink#requireBinding}); a service takes up a rotated keyset through
 * {@link ProcessorSource#reload()}.
 */
public final class Loader implements AutoCloseable {
    private final MessageSource source;
    private final PostgresSink sink;
    private final Pipeline pipeline;

    /** Builds the processing stage, checking the keyset and the contracts as the caller requires. */
    @FunctionalInterface
    public interface ProcessorSource {
        /** The processing stage to start with. */
        MessageProcessor get() throws PipelineException;

        /**
         * For a service whose database a rotation's {@code rekey} rebound: the processing stage of the
         * keyset to take up, read anew, if the database is bound to its primary key now; empty while there
         * is none (reported by the implementation). By default there never is, and the service waits,
         * unready, until it is stopped. Called on the writer thread, at most every few seconds; must not throw.
         */
        default Optional<MessageProcessor> reload() {
            return Optional.empty();
        }
    }

    private Loader(MessageSource source, PostgresSink sink, Pipeline pipeline) {
        this.source = source;
        this.sink = sink;
        this.pipeline = pipeline;
    }

    /**
     * Resolves the queue, connects to PostgreSQL and installs the tool's schema, while {@code processor}
     * builds the processing stage on the calling thread. What {@code processor} throws is thrown on,
     * before any failure to connect, so that a configuration error is reported as such.
     *
     * @param listener told of the run as it happens
     * @throws PipelineException if the queue or the database cannot be used
     */
    public static Loader open(LoaderSettings settings, ProcessorSource processor, Clock clock, PipelineListener listener)
            throws PipelineException {
        ExecutorService connecting = Executors.newFixedThreadPool(2, Threads.named("connect"));
        // Every receive loop holds a connection for its long poll: a smaller pool would starve the deletes.
        SqsSettings sized = settings.sqs().withAtLeastConnections(settings.pipeline().sqsConnections());
        Future<MessageSource> source = connecting.submit(sized::openSource);
        Future<PostgresSink> sink = connecting.submit(() -> openSink(settings.database()));
        connecting.shutdown();
        try {
            MessageProcessor stage = processor.get();
            MessageSource openSource = await(source);
            PostgresSink openSink = await(sink);
            openSink.requireBinding(stage.binding());
            return new Loader(openSource, openSink, new Pipeline(openSource, openSink, stage, takeUp(processor, openSink),
                    settings.pipeline(), clock, listener));
        } catch (PipelineException | RuntimeException e) {
            closeOnceOpen(source);
            closeOnceOpen(sink);
            throw e;
        }
    }

    /** Takes up what {@code processor} reloads: the sink then expects its binding, and the run masks with it. */
    private static KeysetSwap takeUp(ProcessorSource processor, PostgresSink sink) {
        return () -> {
            Optional<MessageProcessor> next = processor.reload();
            next.ifPresent(reloaded -> sink.requireBinding(reloaded.binding()));
            return next;
        };
    }
    private static PostgresSink openSink(DatabaseSettings database) throws SinkException {
        PostgresSink sink = new PostgresSink(database);
        try {
            sink.open();
            return sink;
        } catch (SinkException | RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /** The opened resource, or the failure to open it as the run's failure. */
    private static <T> T await(Future<T> opening) throws PipelineException {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceException || e.getCause() instanceof SinkException) {
                throw new PipelineException(e.getCause().getMessage(), e.getCause());
            }
            throw new IllegalStateException("opening a connection failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while connecting", e);
        }
    }

    private static void closeOnceOpen(Future<? extends AutoCloseable> opening) {
        try {
            opening.get().close();
        } catch (Exception alreadyReported) {
            // it did not open, or the failure that got us here is the one that matters
        }
    }

    /** Runs the pipeline; see {@link Pipeline#run()}. */
    public RunSummary run() throws PipelineException {
        return pipeline.run();
    }

    /** The run's live counts, for progress. */
    public RunCounts counts() {
        return pipeline.counts();
    }

    /** Messages received and not yet deleted or given back, right now. Thread-safe. */
    public int messagesInFlight() {
        return pipeline.messagesInFlight();
    }

    /** Asks a running pipeline to finish what is in flight and return. Thread-safe. */
    public void stop() {
        pipeline.stop();
    }

    /** Closes the sink and the source; closing the source cancels long polls still under way. */
    @Override
    public void close() {
        sink.close();
        source.close();
    }
}
