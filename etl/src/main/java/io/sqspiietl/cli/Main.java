package io.sqspiietl.cli;

import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.SinkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** Entry point: {@code sqs-pii-etl COMMAND [OPTIONS]}. */
@Command(name = "sqs-pii-etl", mixinStandardHelpOptions = true, version = "sqs-pii-etl 0.1.0",
        description = "Drains login events from SQS, masks their personal data and loads them into PostgreSQL exactly once.",
        subcommands = {RunCommand.class, SeedCommand.class, ReplayCommand.class, StatsCommand.class, KeysCommand.class,
            RekeyCommand.class, RevealCommand.class, PruneLedgerCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree with the tool's error handling: a bad flag or configuration prints one line and
     * exits 2; a runtime failure prints one line and exits 1. Other entry points add commands to it.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        // Enum options (--log-format, --format) are documented in lower case and read in any case.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Main::badParameter);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> failure(e, cl));
        return commandLine;
    }

    private static int badParameter(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getColorScheme().errorText(prefix(command) + e.getMessage()
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')"));
        return ExitCodes.BAD_CONFIGURATION;
    }

    private static int failure(Exception e, CommandLine command) {
        boolean configuration = e instanceof ConfigException;
        // Our exceptions never carry message content, so their text is safe to show.
        String message = configuration || e instanceof PipelineException || e instanceof SinkException
                ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        command.getErr().println(prefix(command) + message);
        return configuration ? ExitCodes.BAD_CONFIGURATION : ExitCodes.RUNTIME_FAILURE;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().root().name() + ": ";
    }
}
