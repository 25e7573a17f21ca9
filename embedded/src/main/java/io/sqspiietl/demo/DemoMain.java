package io.sqspiietl.demo;

import io.sqspiietl.bench.BenchCommand;
import io.sqspiietl.cli.Main;
import picocli.CommandLine;

/** Entry point of {@code bin/sqs-pii-etl}: every production command, {@code demo} and {@code bench}. */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        Main.exit(commandLine().execute(args));
    }

    /** The production command tree with the demo and bench commands added. */
    public static CommandLine commandLine() {
        CommandLine commandLine = Main.commandLine();
        commandLine.addSubcommand(new DemoCommand());
        commandLine.addSubcommand(new BenchCommand());
        return commandLine;
    }
}
