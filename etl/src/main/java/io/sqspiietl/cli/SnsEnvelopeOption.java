package io.sqspiietl.cli;

import io.sqspiietl.transform.SnsEnvelopeMode;
import picocli.CommandLine.Option;

/**
 * {@code --sns-envelope auto|off}: whether a body that is an SNS notification envelope is unwrapped.
 * {@code off} is for queues whose SNS subscriptions use raw message delivery and whose events might
 * themselves carry a top-level {@code TopicArn}.
 */
final class SnsEnvelopeOption {
    @Option(names = "--sns-envelope", paramLabel = "auto|off", defaultValue = "${env:SQS_PII_ETL_SNS_ENVELOPE:-auto}",
            description = "auto: a body that is an SNS envelope (a JSON object with a top-level TopicArn) is unwrapped "
                    + "and its Message loaded, once per SNS MessageId; off: every body is the event as sent "
                    + "(default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_SNS_ENVELOPE.")
    SnsEnvelopeMode mode;
}
