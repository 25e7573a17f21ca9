package io.sqspiietl.transform;

/** Whether a message body may be an SNS envelope to unwrap; see {@link MessageReader}. */
public enum SnsEnvelopeMode {
    /** A body that is an SNS envelope is unwrapped and its {@code Message} is the event; any other body is the event. */
    AUTO,
    /** Every body is the event as sent, envelope or not: for subscriptions with raw message delivery. */
    OFF
}
