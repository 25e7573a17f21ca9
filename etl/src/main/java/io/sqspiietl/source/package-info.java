/**
 * The queue side of the pipeline: receiving login messages from SQS and deleting them once their
 * effect is committed.
 *
 * <p>Nothing outside this package knows which SQS client or wire protocol is used; the pipeline sees
 * only {@link io.sqspiietl.source.MessageSource}.
 *
 * <p>Two wire protocols, one client type: {@link io.sqspiietl.source.SqsSettings#createClient()} returns
 * an AWS SDK {@code SqsClient} that speaks JSON (the SDK's own client), the legacy query protocol
 * ({@code QuerySqsClient}: form-encoded requests and StAX-parsed XML over the SDK's signer and HTTP
 * client) or, in {@code auto} mode, JSON until the endpoint proves legacy-only ({@code FallbackSqsClient}).
 * Everything above the client — batching, retries, failure classification — is shared.
 */
package io.sqspiietl.source;
