package io.sqspiietl.ops;

/**
 * How log lines are written: {@link #TEXT} for people, {@link #JSON} (one object per line) for log
 * collectors. Applies to every appender whose encoder is a {@link SwitchableLogEncoder}, which the
 * tool's {@link LogConfigurator} uses.
 */
public enum LogFormat {
    /** {@code timestamp level [thread] logger - message key="value"...}. */
    TEXT,
    /** Logback's {@code JsonEncoder}: timestamp, level, threadName, loggerName, kvpList, formattedMessage. */
    JSON;

    /** Makes this the format of all lines logged from now on, process-wide. */
    public void apply() {
        SwitchableLogEncoder.use(this);
    }
}
