/**
 * The command line: parses and validates options, wires the stages through
 * {@link io.sqspiietl.pipeline.Loader} and the key use cases of {@code io.sqspiietl.keys} through the
 * sink's interfaces, and maps outcomes to exit codes (0 success, 1 runtime failure, 2 bad flags or
 * configuration). The only package that may call {@code System.exit}.
 */
package io.sqspiietl.cli;
