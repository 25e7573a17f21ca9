package io.sqspiietl.source;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The one retry policy of SQS calls, whichever protocol carries them: the AWS SDK's standard
 * {@link RetryStrategy} (three attempts, exponential backoff with full jitter, a retry quota that
 * stops retrying during a long outage). The JSON client applies it itself; {@link #call} applies the
 * same strategy, the same way, to the query protocol, whose requests the SDK does not send for us.
 *
 * <p>What still fails after the strategy gave up is an outage, and the pipeline's callers decide what
 * to do then (receivers wait and try again, deleters keep the messages until their receipt handles
 * expire). Nothing below them retries.
 */
final class SqsRetries {
    /** Names the retry quota's bucket; one per client, like the SDK's own. */
    private static final String SCOPE = "sqs";

    private SqsRetries() {
    }

    /** A new strategy; each client gets its own, so their retry quotas are independent. */
    static RetryStrategy strategy() {
        return AwsRetryStrategy.standardRetryStrategy();
    }

    /**
     * Runs {@code call}, retrying what the strategy deems retryable after the delay it names.
     *
     * @throws SdkException the last failure, once the strategy refuses another attempt
     * @throws AbortedException if the thread is interrupted while waiting for a retry
     */
    static <T> T call(RetryStrategy strategy, Supplier<T> call) {
        AcquireInitialTokenResponse initial = strategy.acquireInitialToken(AcquireInitialTokenRequest.create(SCOPE));
        RetryToken token = initial.token();
        pause(initial.delay());
        while (true) {
            try {
                T result = call.get();
                strategy.recordSuccess(RecordSuccessRequest.create(token));
                return result;
            } catch (SdkException failure) {
                try {
                    var refreshed = strategy.refreshRetryToken(
                            RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
                    token = refreshed.token();
                    pause(refreshed.delay());
                } catch (TokenAcquisitionFailedException noMoreAttempts) {
                    throw failure;
                }
            }
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("SQS call interrupted while waiting to retry").cause(e).build();
        }
    }
}
