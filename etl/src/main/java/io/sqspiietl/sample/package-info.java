/**
 * A synthetic dataset shaped like the public take-home data (GUIDE section 3), and a seeder that
 * sends it to any queue: for the demo, the tests, benchmarks and local stacks. All values are made
 * up; none is real personal data.
 */
package io.sqspiietl.sample;
