package io.sqspiietl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class FallbackSqsClientTest {
    private static final String LOCALSTACK_ERROR = "<?xml version='1.0' encoding='utf-8'?>\n"
            + "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
            + "<Code>InternalFailure</Code><Message>not implemented</Message></Error><RequestId>r</RequestId>"
            + "</ErrorResponse>";

    @Test
    void xmlErrorBodyAnsweringAJsonRequestMeansLegacyOnly() {
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(500, null, LOCALSTACK_ERROR))).isTrue();
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(400, null, "<Error><Code>x</Code></Error>"))).isTrue();
    }

    @Test
    void unknownOperationMeansLegacyOnlyWhateverTheBody() {
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(400, "InvalidAction", ""))).isTrue();
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(400, "UnknownOperationException", "{}"))).isTrue();
    }

    @Test
    void genuineAwsFailuresAreNotMistakenForTheLegacyProtocol() {
        // Real AWS answers JSON requests with JSON errors: a transient 500 must stay a transient 500.
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(500, "InternalError",
                "{\"__type\":\"com.amazon.coral.service#InternalFailure\"}"))).isFalse();
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(500, null, ""))).isFalse();
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(503, null, LOCALSTACK_ERROR))).isFalse();
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(failure(400,
                "AWS.SimpleQueueService.NonExistentQueue", "{\"__type\":\"QueueDoesNotExist\"}"))).isFalse();
        assertThat(FallbackSqsClient.isLegacyOnlyAnswer(SdkClientException.create("connection refused"))).isFalse();
    }

    private static SdkException failure(int status, String code, String body) {
        return SqsException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code)
                .rawResponse(SdkBytes.fromByteArray(body.getBytes(StandardCharsets.UTF_8)))
                .build()).build();
    }
}
