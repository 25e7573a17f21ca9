package io.sqspiietl.pipeline;

import io.sqspiietl.source.MessageSource;

/**
 * What the parts of one run share.
 *
 * @param source      the queue
 * @param inFlight    the messages received and not yet deleted or given back, and the memory they hold
 * @param counts      the run's counts
 * @param listener    observes the run
 * @param queueOutage an outage of SQS, logged once whichever part meets it
 */
record Run(MessageSource source, InFlight inFlight, RunCounts counts, PipelineListener listener, Incident queueOutage) {
}
