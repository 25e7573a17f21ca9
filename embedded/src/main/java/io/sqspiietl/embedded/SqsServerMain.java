package io.sqspiietl.embedded;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs {@link EmbeddedSqs} as a process of its own, so that a benchmark measures the memory of the
 * loader without the queue server's. Prints {@code endpoint=URL} on stdout once ready and stops when
 * its standard input closes, which also happens when the parent process dies.
 */
public final class SqsServerMain {
    private SqsServerMain() {
    }

    public static void main(String[] args) throws IOException {
        try (EmbeddedSqs sqs = EmbeddedSqs.start()) {
            System.out.println("endpoint=" + sqs.endpoint());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Input is only a lifeline; its content is ignored.
            }
        }
    }
}
