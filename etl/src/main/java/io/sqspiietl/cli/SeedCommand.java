package io.sqspiietl.cli;

import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code seed}: fill a queue with synthetic login events, for local stacks and trials. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Send the synthetic take-home-shaped dataset (100 messages), or N generated messages, to a queue.")
final class SeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SqsOptions sqs;

    @Option(names = "--count", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_SEED_COUNT}",
            description = "Send N generated messages (one in every hundred of the wrong type) instead of the 100-message "
                    + "sample. Env: SQS_PII_ETL_SEED_COUNT.")
    Integer count;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "${env:SQS_PII_ETL_SEED_RANDOM:-1}",
            description = "Random seed for --count (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_SEED_RANDOM.")
    long seed;

    @Override
    public Integer call() throws SourceException {
        if (count != null && count < 1) {
            throw new ConfigException("--count must be at least 1");
        }
        SqsSettings settings = sqs.settings(4);
        List<String> bodies = count == null ? SyntheticLogins.takeHomeSample() : new SyntheticLogins(seed).next(count);
        try (SqsClient client = settings.createClient()) {
            String queueUrl = settings.resolveQueueUrl(client);
            int sent = new QueueSeeder(client, queueUrl).send(bodies);
            spec.commandLine().getOut().println("sent " + sent + " messages to " + queueUrl);
        }
        return ExitCodes.OK;
    }
}
