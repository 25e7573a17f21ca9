package io.sqspiietl.demo;

import io.sqspiietl.cli.SummaryPrinter;
import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.embedded.EmbeddedPostgres;
import io.sqspiietl.embedded.EmbeddedSqs;
import io.sqspiietl.embedded.Loaders;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.LoaderSettings;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * seeds the take-home-shaped sample (with the login contract) and any events given, loads them with
 * an ephemeral keyset, creating the contracts' tables, and prints a report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline end to end on embedded ElasticMQ and PostgreSQL: the synthetic take-home "
                + "sample with the login contract, and the events of --events with the contracts of --contract.")
final class DemoCommand implements Callable<Integer> {
    static final String QUEUE = "login-queue";

    @Spec
    CommandSpec spec;

    @Option(names = "--contract", paramLabel = "FILE", split = ",", defaultValue = ContractReader.LOGIN,
            description = "The contracts to load by, as for run (default: ${DEFAULT-VALUE}); with "
                    + ContractReader.LOGIN + " among them, the 100-message take-home sample is seeded too.")
    List<String> contractLocations;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Also seed these events: a file of JSON messages, one per line (e.g. examples/purchase/events.jsonl).")
    Path events;

    @Option(names = "--keep-running",
            description = "Leave both services up after the report and print how to connect; stop with Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws PipelineException, SQLException, IOException, InterruptedException, ContractException {
        Contracts contracts = ContractReader.readAll(contractLocations);
        List<String> bodies = bodies();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting embedded ElasticMQ and PostgreSQL...");
        try (EmbeddedSqs sqs = EmbeddedSqs.start(); EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String queueUrl = sqs.createQueue(QUEUE);
            int sent = new QueueSeeder(sqs.client(), queueUrl).send(bodies);
            out.printf("Seeded %d synthetic messages into %s%n", sent, QUEUE);
            out.println("Masking with an EPHEMERAL keyset generated for this demo; it is discarded at exit,"
                    + " so these masked values can never be revealed. Use 'keys create' for real runs.");
            MaskingKeyset keyset = MaskingKeyset.generate();
            String jdbcUrl = postgres.jdbcUrl("postgres");
            RunSummary summary = load(sqs, queueUrl, jdbcUrl, contracts, keyset);
            out.println();
            SummaryPrinter.print(summary, out);
            out.println();
            DemoReport.print(jdbcUrl, contracts, out);
            if (keepRunning) {
                keepServing(out, queueUrl, postgres, keyset);
            }
        }
        return 0;
    }

    /** The take-home sample when the login contract is among the contracts, then the lines of {@code --events}. */
    private List<String> bodies() throws IOException {
        List<String> bodies = new ArrayList<>();
        if (contractLocations.contains(ContractReader.LOGIN)) {
            bodies.addAll(SyntheticLogins.takeHomeSample());
        }
        if (events != null) {
            Files.readAllLines(events, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).forEach(bodies::add);
        }
        return bodies;
    }

    private static RunSummary load(EmbeddedSqs sqs, String queueUrl, String jdbcUrl, Contracts contracts,
                                   MaskingKeyset keyset) throws PipelineException {
        SqsSettings sqsSettings = new SqsSettings(Region.US_EAST_1, sqs.endpoint(), queueUrl, null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")), 16, SqsProtocol.JSON);
        LoaderSettings settings = new LoaderSettings(sqsSettings, new DatabaseSettings(jdbcUrl, null, null),
                PipelineSettings.defaults(true));
        try (Loader loader = Loaders.open(settings, contracts, keyset, Clock.systemUTC(), PipelineListener.NONE)) {
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
