/**
 * In-process stand-ins for the two external services the ETL talks to, used by the {@code demo} command and by
 * the integration tests.
 *
 * <ul>
 *   <li>{@link io.sqspiietl.embedded.EmbeddedPostgres} runs a real PostgreSQL server from the zonky binaries jar on
 *       the classpath. It works when the JVM runs as root (as our machines and CI do) by running the server as
 *       {@code nobody}.</li>
 *   <li>{@link io.sqspiietl.embedded.EmbeddedSqs} runs ElasticMQ, an SQS-compatible server, inside the JVM.</li>
 * </ul>
 *
 * <p>Both bind to 127.0.0.1 only, on a free port, and both are {@link java.lang.AutoCloseable}: closing them stops
 * the service and releases everything it created. Nothing in this package belongs in the production application.
 */
package io.sqspiietl.embedded;
