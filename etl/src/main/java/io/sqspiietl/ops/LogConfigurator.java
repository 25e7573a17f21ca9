package io.sqspiietl.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The tool's logging, configured in code: logback finds it through the {@link Configurator} service
 * and reads no XML. Parsing a {@code logback.xml} took a fresh JVM about 0.3 s, longer than
 * everything else the 100-message drain does before its first receive.
 *
 * <p>Logs go to stderr so that stdout carries only command output (reports, revealed values), as
 * text by default; {@link LogFormat#apply()} switches them to JSON lines. The level of the whole tool
 * comes from {@code SQS_PII_ETL_LOG_LEVEL} (default {@code INFO}); the libraries it uses log warnings only.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0} - %msg %kvp%n";
    private static final List<String> QUIET_LIBRARIES = List.of(
            "software.amazon.awssdk", "org.apache.http", "org.postgresql", "org.elasticmq", "org.apache.pekko");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        SwitchableLogEncoder encoder = new SwitchableLogEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("SQS_PII_ETL_LOG_LEVEL"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
