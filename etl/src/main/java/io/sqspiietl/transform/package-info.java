/**
 * Turns an SQS message body into a {@link io.sqspiietl.transform.LoginEvent} or a {@link
 * io.sqspiietl.transform.Rejection}: pure logic with no I/O, clock or logging.
 *
 * <p>The entry point is {@link io.sqspiietl.transform.MessageReader}, which unwraps an SNS envelope
 * when there is one (its Javadoc states the envelope rule and the key of exactly-once loading) and
 * hands the event to {@link io.sqspiietl.transform.LoginEventParser}, whose Javadoc states the data
 * contract and the order in which rules are checked. Everything else public here is a value type of
 * their results. The stored {@code app_version} integer is decoded in the database, by the schema's
 * SQL function {@code app_version_text}.
 *
 * <p>Message values are personal data. No type in this package puts a field value or the body into
 * an exception message or {@code toString()}; rejections name the rule and the field only.
 */
package io.sqspiietl.transform;
