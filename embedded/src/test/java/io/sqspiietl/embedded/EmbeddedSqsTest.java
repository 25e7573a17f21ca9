package io.sqspiietl.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedSqsTest {
    private static EmbeddedSqs sqs;

    @BeforeAll
    static void startServer() {
        sqs = EmbeddedSqs.start();
    }

    @AfterAll
    static void closeServer() {
        sqs.close();
    }

    @Test
    void endpointIsLoopbackWithTheBoundPort() {
        assertThat(sqs.endpoint().getScheme()).isEqualTo("http");
        assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(sqs.endpoint().getPort()).isPositive();
        assertThat(sqs.endpoint().getPath()).isEmpty();
    }

    @Test
    void createQueueReturnsAUrlOnThisServer() {
        assertThat(sqs.createQueue("naming")).isEqualTo(sqs.endpoint() + "/000000000000/naming");
        assertThat(sqs.createQueue("naming")).isEqualTo(sqs.endpoint() + "/000000000000/naming");
    }

    @Test
    void sendsReceivesAndDeletesMessages() {
        SqsClient client = sqs.client();
        String queueUrl = sqs.createQueue("round-trip");
        Instant before = Instant.now().minusSeconds(1);
        for (String body : List.of("one", "two", "three")) {
            client.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
        }

        List<Message> received = receiveAll(client, queueUrl, 3);

        assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("one", "two", "three");
        for (Message message : received) {
            Instant sent = Instant.ofEpochMilli(
                    Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)));
            assertThat(sent).isBetween(before, Instant.now());
            client.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        Map<QueueAttributeName, String> counts = client.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0",
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    /** SQS may return fewer messages than are available, so keep asking (briefly) until all have arrived. */
    private static List<Message> receiveAll(SqsClient client, String queueUrl, int expected) {
        List<Message> received = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && received.size() < expected; attempt++) {
            received.addAll(client.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages());
        }
        return received;
    }
}
