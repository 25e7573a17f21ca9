package io.sqspiietl.ops;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * A logback encoder that writes either the configured pattern or JSON lines, switched at run time by
 * {@link LogFormat#apply()}. Logback is configured before the command line is parsed, so the choice
 * cannot be part of its configuration; switching inside the encoder keeps the appenders, their
 * targets and levels exactly as {@link LogConfigurator} set them.
 */
public final class SwitchableLogEncoder extends EncoderBase<ILoggingEvent> {
    /** Process-wide, as logging is; volatile so that every logging thread sees a switch at once. */
    private static volatile LogFormat format = LogFormat.TEXT;

    private final PatternLayoutEncoder text = new PatternLayoutEncoder();
    private final JsonEncoder json = new JsonEncoder();
    private String pattern;

    static void use(LogFormat chosen) {
        format = chosen;
    }

    /** The pattern of {@link LogFormat#TEXT}. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        text.setContext(getContext());
        text.setPattern(pattern);
        text.start();
        json.setContext(getContext());
        // Only what a collector needs: the formatted message, not the raw pattern and its arguments.
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return format == LogFormat.JSON ? json.encode(event) : text.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public void stop() {
        text.stop();
        json.stop();
        super.stop();
    }
}
