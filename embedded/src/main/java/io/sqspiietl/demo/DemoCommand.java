package io.sqspiietl.demo;

import io.sqspiietl.cli.SummaryPrinter;
import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.EmbeddedSqs;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code demo}: the whole product on embedded services. Starts ElasticMQ and PostgreSQL in-process,
 * seeds the take-home-shaped sample, loads it with an ephemeral keyset and prints a report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline end to end on embedded ElasticMQ and PostgreSQL with a synthetic dataset.")
final class DemoCommand implements Callable<Integer> {
    static final String QUEUE = "login-queue";

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-running",
            description = "Leave both services up after the report and print how to connect; stop with Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws PipelineException, SQLException, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting embedded ElasticMQ and PostgreSQL...");
        try (EmbeddedSqs sqs = EmbeddedSqs.start(); EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String queueUrl = sqs.createQueue(QUEUE);
            int sent = new QueueSeeder(sqs.client(), queueUrl).send(SyntheticLogins.takeHomeSample());
            out.printf("Seeded %d synthetic messages into %s%n", sent, QUEUE);
            out.println("Masking with an EPHEMERAL keyset generated for this demo; it is discarded at exit,"
                    + " so these masked values can never be revealed. Use 'keys create' for real runs.");
            MaskingKeyset keyset = MaskingKeyset.generate();
            String jdbcUrl = postgres.jdbcUrl("postgres");
            RunSummary summary = load(sqs, queueUrl, jdbcUrl, keyset);
            out.println();
            SummaryPrinter.print(summary, out);
            out.println();
            DemoReport.print(jdbcUrl, out);
            if (keepRunning) {
                keepServing(out, queueUrl, postgres, keyset);
            }
        }
        return 0;
    }

    private static RunSummary load(EmbeddedSqs sqs, String queueUrl, String jdbcUrl, MaskingKeyset keyset)
            throws PipelineException {
        SqsSettings sqsSettings = new SqsSettings(Region.US_EAST_1, sqs.endpoint(), queueUrl, null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")), 16, SqsProtocol.JSON);
        try (Loader loader = Loader.open(sqsSettings, new DatabaseSettings(jdbcUrl, null, null), keyset,
                PipelineSettings.defaults(true), Clock.systemUTC())) {
            return loader.run();
        }
    }

    private static void keepServing(PrintWriter out, String queueUrl, EmbeddedPostgres postgres, MaskingKeyset keyset)
            throws IOException, InterruptedException {
        Path keysetFile = Files.createTempDirectory("sqs-pii-etl-demo").resolve("demo-keyset.json");
        try {
            keyset.writeNew(keysetFile);
        } catch (KeysetException e) {
            throw new IOException(e.getMessage(), e);
        }
        keysetFile.toFile().deleteOnExit();
        out.printf("%nServices are up; press Ctrl-C to stop them.%n");
        out.printf("  PostgreSQL: psql \"postgresql://postgres@127.0.0.1:%d/postgres\"%n", postgres.port());
        out.printf("  SQS queue:  %s  (any access key works)%n", queueUrl);
        out.printf("  Keyset:     %s  (deleted at exit)%n", keysetFile);
        out.printf("  Try:        AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x bin/sqs-pii-etl seed --queue-url %s%n", queueUrl);
        out.printf("              AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x bin/sqs-pii-etl run --until-empty"
                + " --queue-url %s --jdbc-url %s --keyset %s%n", queueUrl, postgres.jdbcUrl("postgres"), keysetFile);
        out.flush();
        new CountDownLatch(1).await(); // until Ctrl-C; the services' shutdown hooks stop them
    }
}
