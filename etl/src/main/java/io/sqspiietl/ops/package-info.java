/**
 * Running the loader in production: Micrometer metrics in Prometheus format, liveness and readiness
 * over the JDK's HTTP server, the progress display, and the log format switch.
 *
 * <p>This package observes the pipeline only through {@link io.sqspiietl.pipeline.PipelineListener};
 * it never sees a message, so nothing it exports (metric labels, health texts, progress lines) can
 * carry a MessageId or a value from a message. {@code cli} wires it to the pipeline.
 */
package io.sqspiietl.ops;
