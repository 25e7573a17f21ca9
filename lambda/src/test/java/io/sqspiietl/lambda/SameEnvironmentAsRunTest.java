package io.sqspiietl.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.cli.Main;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The function reads each setting from the environment variable {@code run} reads it from, with {@code run}'s
 * default: the variables are read from {@code run}'s own command specification, so a rename or a new default
 * there fails here. (The artifact leaves picocli out; the tests have it.)
 */
class SameEnvironmentAsRunTest {
    /** With variables left as written: {@code ${env:NAME:-DEFAULT}}. */
    private static final CommandLine RUN = Main.commandLine().setInterpolateVariables(false).getSubcommands().get("run");

    @Test
    void everyVariableIsRunsWithRunsDefault() {
        for (Variable variable : Variable.values()) {
            OptionSpec option = RUN.getCommandSpec().findOption(variable.runOption());
            assertThat(option).as("run has %s", variable.runOption()).isNotNull();
            assertThat(option.defaultValue()).as(variable.runOption()).isEqualTo(picocliDefault(variable.names(),
                    variable.defaultValue()));
        }
    }

    /** How picocli writes a default taken from the first variable set of {@code names}, else {@code fallback}. */
    private static String picocliDefault(List<String> names, String fallback) {
        String value = fallback;
        for (int i = names.size() - 1; i >= 0; i--) {
            value = "${env:" + names.get(i) + (value == null ? "" : ":-" + value) + "}";
        }
        return value;
    }
}
