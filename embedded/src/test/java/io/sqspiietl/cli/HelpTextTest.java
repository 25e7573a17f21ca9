package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.demo.DemoMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} of every command prints its usage and nothing on standard error: picocli prints a
 * {@code [picocli WARN] Could not format ...} line for a description it cannot format, such as one with
 * an unescaped {@code %}. Picocli writes its warnings to the {@code System.err} it saw when it was
 * loaded, so the commands run in a JVM of their own, whose standard error this test reads.
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpPrintsItsUsageAndNoWarning() throws Exception {
        Process helps = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EveryHelp.class.getName()).start();
        String out = new String(helps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(helps.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(helps.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(helps.exitValue()).as(out + err).isZero();
        assertThat(err).as("standard error of every --help").isEmpty();
        for (String command : List.of("run", "seed", "replay", "stats", "keys", "keys create", "keys rotate", "rekey",
                "reveal", "prune-ledger", "demo", "bench")) {
            assertThat(out).contains("Usage: sqs-pii-etl " + command + " ");
        }
    }

    /** Runs {@code COMMAND --help} for the tool and every command in it, and exits 1 if one of them fails. */
    static final class EveryHelp {
        private EveryHelp() {
        }

        public static void main(String[] args) {
            int failed = 0;
            for (List<String> command : commands(DemoMain.commandLine(), List.of())) {
                List<String> help = new ArrayList<>(command);
                help.add("--help");
                failed += DemoMain.commandLine().execute(help.toArray(String[]::new)) == 0 ? 0 : 1;
            }
            System.exit(failed == 0 ? 0 : 1);
        }

        private static List<List<String>> commands(CommandLine command, List<String> path) {
            List<List<String>> all = new ArrayList<>(List.of(path));
            command.getSubcommands().forEach((name, subcommand) -> {
                List<String> subpath = new ArrayList<>(path);
                subpath.add(name);
                all.addAll(commands(subcommand, subpath));
            });
            return all;
        }
    }
}
