/**
 * The PostgreSQL side of the pipeline: the {@code user_logins} table, the quarantine, and the
 * processed-message ledger that makes loading exactly-once.
 *
 * <p>Every batch is one transaction: the batch's ledger keys (SQS MessageIds, or {@code sns:} and the
 * SNS MessageId of a notification) are inserted into the ledger first, and only the records whose key
 * was new are written. A message redelivered after its commit (a crash before the delete, an expired
 * visibility timeout, a failed delete, a second SNS delivery of one publication) therefore changes
 * nothing.
 *
 * <p>The package owns every connection and transaction: callers such as the key use cases see small
 * interfaces ({@link io.sqspiietl.sink.MaskingCatalog}, {@link io.sqspiietl.sink.MaskedColumns})
 * whose methods each run whole transactions, and no other package imports {@code java.sql}.
 */
package io.sqspiietl.sink;
