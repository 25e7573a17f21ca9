package io.sqspiietl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class SqsSettingsTest {
    /**
     * An attempt under way when its connection goes silent has waited at most a long poll; it fails
     * {@code ATTEMPT_TIMEOUT} after it started, and by then the connections idle at the silence must no
     * longer be handed out, or its retry could take one and wait a second attempt bound.
     */
    @Test
    void aRetryAfterASilentAttemptComesWhenTheConnectionsIdleAtTheSilenceAreNoLongerReused() {
        Duration earliestRetryAfterTheSilence = SqsSettings.ATTEMPT_TIMEOUT
                .minusSeconds(SqsMessageSource.MAX_WAIT_SECONDS);

        assertThat(SqsSettings.MAX_IDLE).isLessThan(earliestRetryAfterTheSilence);
    }

    @Test
    void localQueueUrlDoublesAsEndpoint() {
        assertThat(settings(null, "http://localhost:4566/000000000000/login-queue").effectiveEndpoint())
                .isEqualTo(URI.create("http://localhost:4566"));
    }

    @Test
    void awsQueueUrlUsesTheRegionalEndpoint() {
        assertThat(settings(null, "https://sqs.eu-west-1.amazonaws.com/123456789012/login-queue").effectiveEndpoint())
                .isNull();
    }

    @Test
    void explicitEndpointWins() {
        assertThat(settings(URI.create("http://127.0.0.1:9324"), "http://localhost:4566/000000000000/q").effectiveEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:9324"));
    }

    @Test
    void queryRequestsGoToTheEffectiveEndpointOrElseTheRegionalOne() {
        assertThat(settings(null, "http://localhost:4566/000000000000/login-queue").queryEndpoint())
                .isEqualTo(URI.create("http://localhost:4566"));
        assertThat(SqsSettings.withDefaultCredentials(Region.EU_WEST_1, null,
                "https://sqs.eu-west-1.amazonaws.com/123456789012/login-queue", null, 4, SqsProtocol.QUERY)
                .queryEndpoint()).isEqualTo(URI.create("https://sqs.eu-west-1.amazonaws.com"));
    }

    @Test
    void protocolNamesAreCaseInsensitiveAndUnknownOnesNameTheChoices() {
        assertThat(SqsProtocol.fromName("Query")).isEqualTo(SqsProtocol.QUERY);
        assertThat(SqsProtocol.AUTO).hasToString("auto");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqsProtocol.fromName("xml"))
                .hasMessage("must be one of auto, json, query, was xml");
    }

    private static SqsSettings settings(URI endpoint, String queueUrl) {
        return SqsSettings.withDefaultCredentials(Region.US_EAST_1, endpoint, queueUrl, null, 4, SqsProtocol.AUTO);
    }
}
