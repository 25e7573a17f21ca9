/**
 * Event contracts: for each event type, the table it loads, which messages it takes and one
 * definition per column (its source field or metadata, type, limits, whether it is required, and its
 * privacy policy) that every stage reads: the transform validates and coerces by it, masking applies
 * its policy, the sink writes, checks and creates its table by it, and reveal, rekey and stats follow
 * it. {@link io.sqspiietl.contract.ContractReader} reads contract files (YAML) and the built-in login
 * contract; {@link io.sqspiietl.contract.Contracts} routes each message to one contract.
 *
 * <p>Pure: no I/O but reading the contract files, no clock, no logging. Every stage may depend on
 * this package; it depends on none of them.
 */
package io.sqspiietl.contract;
