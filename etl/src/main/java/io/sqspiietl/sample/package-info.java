/**
 * A synthetic dataset shaped like the public take-home data (100 messages of Python
 * {@code json.dumps} text, one not a login event, {@code locale} null in about 30% of them, three
 * shapes of {@code app_version}), and a seeder that sends it to any queue: for the demo, the tests,
 * benchmarks and local stacks. All values are made up; none is real personal data.
 */
package io.sqspiietl.sample;
