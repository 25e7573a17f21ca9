/**
 * The {@code bench} command: measures the pipeline's throughput against the raw drain ceiling of the
 * same queue server, side by side in one run, optionally with network latency injected between the
 * client and the queue, and checks that the table ends up holding exactly the valid messages once.
 */
package io.sqspiietl.bench;
