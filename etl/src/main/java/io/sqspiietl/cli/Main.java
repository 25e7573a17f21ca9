package io.sqspiietl.cli;

import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.SinkException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** Entry point: {@code sqs-pii-etl COMMAND [OPTIONS]}. */
@Command(name = "sqs-pii-etl", mixinStandardHelpOptions = true, version = "sqs-pii-etl 0.1.0",
        description = "Drains events from SQS, masks their personal data by their contracts and loads them into "
                + "PostgreSQL exactly once.",
        subcommands = {RunCommand.class, SeedCommand.class, ReplayCommand.class, StatsCommand.class, KeysCommand.class,
            RekeyCommand.class, RevealCommand.class, ContractCommand.class, PruneLedgerCommand.class})
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String LOG_FORMAT = "--log-format";

    public static void main(String[] args) {
        exit(commandLine().execute(args));
    }

    /**
     * Ends the process with a command's exit code; a {@code run} being shut down by a signal then exits
     * with it too (see {@link GracefulShutdown}). Entry points call this rather than {@link System#exit}.
     */
    public static void exit(int code) {
        GracefulShutdown.exit(code);
    }

    /**
     * The command tree with the tool's error handling: a bad flag or configuration prints one line and
     * exits 2; a runtime failure prints one line and exits 1. When the failing command was asked for JSON
     * logs ({@code --log-format json}, or its environment variable), that line is an {@code ERROR} log line
     * in JSON like every other line the process writes, with the exit code in {@code exit_code}. Other entry
     * points add commands to the tree.
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
        if (jsonRequested(command, Arrays.asList(args))) {
            return logFailure(e.getMessage(), ExitCodes.BAD_CONFIGURATION);
        }
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
        int exitCode = configuration ? ExitCodes.BAD_CONFIGURATION : ExitCodes.RUNTIME_FAILURE;
        if (jsonRequested(command, List.of())) {
            return logFailure(message, exitCode);
        }
        command.getErr().println(prefix(command) + message);
        return exitCode;
    }

    /** The failure as a JSON log line, whatever format the command had switched to before it failed. */
    private static int logFailure(String message, int exitCode) {
        LogFormat.JSON.apply();
        LOG.atError().addKeyValue("exit_code", exitCode).log(message);
        return exitCode;
    }

    /**
     * Whether {@code command} was asked for JSON logs: by the value picocli has read (the flag or the default
     * from the environment), or, when parsing stopped at a bad flag before picocli got there, by a
     * {@code --log-format} further on in {@code args}.
     */
    private static boolean jsonRequested(CommandLine command, List<String> args) {
        OptionSpec option = command.getCommandSpec().findOption(LOG_FORMAT);
        if (option == null) {
            return false;
        }
        Object value = option.getValue();
        String format = value != null ? value.toString() : lastLogFormatIn(args).orElse(option.defaultValue());
        return LogFormat.JSON.name().equalsIgnoreCase(format);
    }

    private static Optional<String> lastLogFormatIn(List<String> args) {
        String format = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(LOG_FORMAT) && i + 1 < args.size()) {
                format = args.get(i + 1);
            } else if (args.get(i).startsWith(LOG_FORMAT + "=")) {
                format = args.get(i).substring(LOG_FORMAT.length() + 1);
            }
        }
        return Optional.ofNullable(format);
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().root().name() + ": ";
    }
}
