/** JMH micro-benchmarks: {@code java -jar benchmarks/target/benchmarks.jar}. */
package io.sqspiietl.benchmarks;
