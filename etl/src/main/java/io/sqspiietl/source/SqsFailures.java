package io.sqspiietl.source;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Sorts SQS client failures into transient ones (retry) and permanent ones (stop the run). */
final class SqsFailures {
    /** Error codes after which retrying cannot succeed until an operator changes something. */
    private static final Set<String> PERMANENT_CODES = Set.of(
            "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "UnrecognizedClientException", "MissingAuthenticationToken", "ExpiredToken",
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist");

    private SqsFailures() {
    }

    static SourceException classify(String operation, SdkException e) {
        boolean transientFailure = isTransient(e);
        String detail = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                : e.getClass().getSimpleName();
        return new SourceException("SQS " + operation + " failed: " + detail, transientFailure, e);
    }

    private static boolean isTransient(SdkException e) {
        if (e instanceof QueueDoesNotExistException) {
            return false;
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && PERMANENT_CODES.contains(code)) {
                return false;
            }
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        // Client-side failures are mostly connection refused, resets and timeouts.
        return e instanceof SdkClientException;
    }
}
