package io.sqspiietl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRequestTest {
    @Test
    void parametersAreFormEncodedInOrderAfterActionAndVersion() {
        String body = QueryRequest.of("ReceiveMessage")
                .with("QueueUrl", "http://localhost:4566/000000000000/login-queue")
                .with("MaxNumberOfMessages", 10)
                .with("VisibilityTimeout", null)
                .withList("AttributeName", List.of("SentTimestamp", "ApproximateReceiveCount"))
                .encode();

        assertThat(body).isEqualTo("Action=ReceiveMessage&Version=2012-11-05"
                + "&QueueUrl=http%3A%2F%2Flocalhost%3A4566%2F000000000000%2Flogin-queue"
                + "&MaxNumberOfMessages=10&AttributeName.1=SentTimestamp&AttributeName.2=ApproximateReceiveCount");
    }

    @Test
    void batchEntriesAreOneBasedAndBodiesSurviveReservedAndNonAsciiCharacters() {
        String body = QueryRequest.of("SendMessageBatch")
                .withEntry("SendMessageBatchRequestEntry", 0, "Id", "0")
                .withEntry("SendMessageBatchRequestEntry", 0, "MessageBody", "{\"a\": \"x&y=z+ é\"}")
                .encode();

        assertThat(body).isEqualTo("Action=SendMessageBatch&Version=2012-11-05"
                + "&SendMessageBatchRequestEntry.1.Id=0"
                + "&SendMessageBatchRequestEntry.1.MessageBody=%7B%22a%22%3A+%22x%26y%3Dz%2B+%C3%A9%22%7D");
    }

    @Test
    void toStringShowsNamesButNeverValues() {
        QueryRequest request = QueryRequest.of("SendMessageBatch")
                .withEntry("SendMessageBatchRequestEntry", 0, "MessageBody", "{\"ip\": \"10.1.2.3\"}");
        assertThat(request.toString()).contains("SendMessageBatchRequestEntry.1.MessageBody").doesNotContain("10.1.2.3");
    }
}
