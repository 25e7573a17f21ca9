package io.sqspiietl.cli;

import io.sqspiietl.sink.DatabaseSettings;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The start-up line: every option of the command with its effective value (flag, environment or
 * default), one structured field each, so that an operator sees what the process really runs with.
 * Secrets never appear: a password in the JDBC URL and the {@code PGPASSWORD} password are shown as
 * {@code <masked>}, and so is any option whose name says it holds a secret.
 */
final class StartupLog {
    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);
    static final String MASKED = "<masked>";

    private StartupLog() {
    }

    static void log(CommandSpec spec, DatabaseSettings database) {
        LoggingEventBuilder line = LOG.atInfo();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName().replaceFirst("^-+", "");
            line = line.addKeyValue(name.replace('-', '_'), value(name, option.getValue(), database));
        }
        line.addKeyValue("db_password", database.password() == null ? "none" : MASKED)
                .log("starting {}", spec.qualifiedName());
    }

    private static Object value(String name, Object value, DatabaseSettings database) {
        if (value == null) {
            return "unset";
        }
        if ("jdbc-url".equals(name)) {
            return database.redactedUrl();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean secret = lower.contains("password") || lower.contains("secret") || lower.contains("token");
        return secret ? MASKED : String.valueOf(value);
    }
}
