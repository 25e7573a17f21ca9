/**
 * Turns an SQS message body into an {@link io.sqspiietl.transform.Event} of the contract that takes it,
 * or a {@link io.sqspiietl.transform.Rejection}: pure logic with no I/O, clock or logging.
 *
 * <p>The entry point is {@link io.sqspiietl.transform.MessageReader}, which unwraps an SNS envelope
 * when there is one (its Javadoc states the envelope rule and the key of exactly-once loading) and
 * hands the event to {@link io.sqspiietl.transform.EventParser}, whose Javadoc states the order in
 * which rules are checked: the body's, then routing to a contract, then the contract's columns, each
 * read, validated and coerced by its type ({@code docs/contracts.md}). Everything else public here is a
 * value type of their results. The version type's integer is decoded in the database, by the schema's
 * SQL function {@code app_version_text}.
 *
 * <p>Message values are personal data. No type in this package puts a field value or the body into
 * an exception message or {@code toString()}; rejections name the rule and the field only.
 */
package io.sqspiietl.transform;
