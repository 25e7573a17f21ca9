/**
 * The wiring of the stages: {@link io.sqspiietl.pipeline.Receivers} pull from the {@link
 * io.sqspiietl.source.MessageSource}, {@link io.sqspiietl.pipeline.Processing} transforms and masks
 * each message by its contract ({@link io.sqspiietl.pipeline.MessageProcessor}), the {@link
 * io.sqspiietl.pipeline.Batcher} cuts what it hands over into batches, the {@link
 * io.sqspiietl.pipeline.BatchCommitter} commits them to the {@link io.sqspiietl.sink.Sink}, and only
 * then does the {@link io.sqspiietl.pipeline.Deleter} delete the messages from the queue. The {@link
 * io.sqspiietl.pipeline.DrainDetector} ends a drain; {@link io.sqspiietl.pipeline.RunCounts} holds the
 * run's counts for the summary, progress and metrics alike.
 *
 * <p>With {@code cli} (which wires commands) and {@code keys} (which uses the masking and the sink for
 * the key use cases), this is the only package that knows more than one stage; {@code ops} observes it
 * through {@link io.sqspiietl.pipeline.PipelineListener}.
 */
package io.sqspiietl.pipeline;
