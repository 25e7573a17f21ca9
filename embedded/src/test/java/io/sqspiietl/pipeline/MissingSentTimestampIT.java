package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.testing.SnsEnvelopes;
import io.sqspiietl.testing.Sql;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * A queue that leaves out {@code SentTimestamp}, as an SQS look-alike may (real SQS always sends it;
 * here the SDK drops it from ElasticMQ's answers). The run goes on: a message with a date of its own
 * loads, one without is quarantined as {@code missing_sent_timestamp} with no {@code sent_at}, and the
 * queue ends empty. The loader's clock is never a date.
 */
class MissingSentTimestampIT {
    private static final String DATED = "{\"user_id\": \"dated-%d\", \"create_date\": \"2026-03-01\"}";
    private static final String UNDATED = "{\"user_id\": \"undated-%d\", \"device_type\": \"ios\"}";

    @Test
    void messagesWithoutSentTimestampLoadByTheirOwnDateOrAreQuarantinedAndNeverEndTheRun() throws Exception {
        String queueUrl = TestServices.newQueue();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bodies.add(DATED.formatted(i));
            bodies.add(UNDATED.formatted(i));
        }
        // Through SNS, the envelope's Timestamp dates the event.
        bodies.add(SnsEnvelopes.wrap("11111111-2222-3333-4444-555555555555", UNDATED.formatted(50),
                Instant.parse("2026-04-02T10:00:00Z")));
        TestServices.sendEach(queueUrl, bodies);
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        MaskingKeyset keyset = MaskingKeyset.generate();

        RunSummary summary;
        try (var source = new SqsMessageSource(clientWithoutSentTimestamps(), queueUrl);
             var sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.open();
            sink.requireBinding(KeysetBinding.of(keyset));
            MessageProcessor processor = TestLoaders.loginProcessor(keyset);
            summary = new Pipeline(source, sink, processor, PipelineSettings.defaults(true).withReceivers(2),
                    Clock.systemUTC(), PipelineListener.NONE).run();
        }

        assertThat(summary.loaded()).as(summary.toString()).isEqualTo(51);
        assertThat(summary.quarantined()).isEqualTo(50);
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT create_date || ' ' || count(*) FROM user_logins GROUP BY create_date ORDER BY create_date"))
                .containsExactly("2026-03-01 50", "2026-04-02 1");
        // Reason, field, stage, rows, rows with a sent_at.
        assertThat(Sql.firstColumn(jdbcUrl, "SELECT concat_ws(' ', reason, field, stage, count(*), count(sent_at))"
                + " FROM user_logins_quarantine GROUP BY reason, field, stage"))
                .containsExactly("missing_sent_timestamp create_date validate 50 0");
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    /** A client of the test queue whose received messages lack {@code SentTimestamp}. */
    private static SqsClient clientWithoutSentTimestamps() {
        return SqsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(TestServices.sqs().endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(new DropSentTimestamps()))
                .build();
    }

    private static final class DropSentTimestamps implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
            if (!(context.response() instanceof ReceiveMessageResponse received)) {
                return context.response();
            }
            List<Message> messages = received.messages().stream().map(message -> {
                Map<MessageSystemAttributeName, String> attributes = new EnumMap<>(MessageSystemAttributeName.class);
                attributes.putAll(message.attributes());
                attributes.remove(MessageSystemAttributeName.SENT_TIMESTAMP);
                return message.toBuilder().attributes(attributes).build();
            }).toList();
            return received.toBuilder().messages(messages).build();
        }
    }
}
