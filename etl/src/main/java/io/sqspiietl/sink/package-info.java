/**
 * The PostgreSQL side of the pipeline: the contracts' tables (checked at start-up, created on
 * request), the quarantine, the processed-message ledger that makes loading exactly-once, and the
 * masking catalog.
 *
 * <p>Every batch is one transaction, whatever tables its rows go to: the batch's ledger keys (SQS
 * MessageIds, or {@code sns:} and the SNS MessageId of a notification) are inserted into the ledger
 * first, and only the records whose key was new are written. A message redelivered after its commit
 * (a crash before the delete, an expired visibility timeout, a failed delete, a second SNS delivery of
 * one publication) therefore changes nothing.
 *
 * <p>The package owns every connection and transaction: callers such as the key use cases see small
 * interfaces ({@link io.sqspiietl.sink.MaskingCatalog}, {@link io.sqspiietl.sink.MaskedColumns})
 * whose methods each run whole transactions, and no other package imports {@code java.sql}.
 */
package io.sqspiietl.sink;
