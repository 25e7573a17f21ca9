/**
 * The wiring of the stages: receivers pull from the {@link io.sqspiietl.source.MessageSource},
 * transform and mask each message, a writer commits batches to the {@link io.sqspiietl.sink.LoginSink},
 * and only then are the messages deleted from the queue.
 *
 * <p>This package and {@code cli} are the only ones that know more than one stage.
 */
package io.sqspiietl.pipeline;
