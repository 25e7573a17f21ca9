/**
 * The queue side of the pipeline: receiving login messages from SQS and deleting them once their
 * effect is committed.
 *
 * <p>Nothing outside this package knows which SQS client or wire protocol is used; the pipeline sees
 * only {@link io.sqspiietl.source.MessageSource}.
 */
package io.sqspiietl.source;
