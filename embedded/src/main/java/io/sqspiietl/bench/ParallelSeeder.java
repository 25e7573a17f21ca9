package io.sqspiietl.bench;

import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends many synthetic messages with several threads, generating them as it goes so that seeding a
 * million messages holds only a few thousand bodies in memory.
 */
final class ParallelSeeder {
    private static final int THREADS = 8;
    private static final int CHUNK = 500;

    private ParallelSeeder() {
    }

    static void seed(SqsClient client, String queueUrl, long messages) throws InterruptedException, ExecutionException {
        SyntheticLogins generator = new SyntheticLogins(1);
        QueueSeeder seeder = new QueueSeeder(client, queueUrl);
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        Semaphore chunksInMemory = new Semaphore(2 * THREADS);
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (long remaining = messages; remaining > 0; remaining -= CHUNK) {
                chunksInMemory.acquire();
                List<String> chunk = generator.next((int) Math.min(CHUNK, remaining));
                sent.add(senders.submit(() -> {
                    try {
                        seeder.send(chunk);
                    } finally {
                        chunksInMemory.release();
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
