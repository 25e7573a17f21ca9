package io.sqspiietl.testing;

import io.sqspiietl.demo.DemoMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs commands of the full application in-process, as an operator would type them, and keeps what
 * each one printed. Not thread-safe; one per test.
 */
public final class CommandRunner {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code sqs-pii-etl ARGS} and returns its exit code; its output replaces the previous command's. */
    public int execute(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = DemoMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** What the last command printed on stdout. */
    public String out() {
        return out.toString();
    }

    /** What the last command printed on stderr (through picocli: its one-line errors). */
    public String err() {
        return err.toString();
    }
}
