/**
 * The key use cases beside the pipeline: binding a database to one masking key
 * ({@link io.sqspiietl.keys.KeyBinding}), re-masking after a rotation ({@link io.sqspiietl.keys.Rekeyer})
 * and revealing under audit ({@link io.sqspiietl.keys.Revealer}).
 *
 * <p>They work through the sink's small interfaces {@link io.sqspiietl.sink.MaskingCatalog} and
 * {@link io.sqspiietl.sink.MaskedColumns}, which own every connection and transaction, so this
 * package knows neither JDBC nor SQL. {@code cli} wires them to PostgreSQL and maps their exceptions
 * to exit codes.
 */
package io.sqspiietl.keys;
