package io.sqspiietl.demo;

import io.sqspiietl.cli.Main;
import picocli.CommandLine;

/** Entry point of {@code bin/sqs-pii-etl}: every production command, and {@code demo}. */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The production command tree with the demo command added. */
    public static CommandLine commandLine() {
        CommandLine commandLine = Main.commandLine();
        commandLine.addSubcommand(new DemoCommand());
        return commandLine;
    }
}
