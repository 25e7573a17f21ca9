package io.sqspiietl.pipeline;

import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsBatches;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * An in-memory queue with SQS's delivery rules that matter to the pipeline: a received message is
 * invisible until deleted or given back, receipt handles are per receive, and the counts are exact.
 * An empty receive returns after a few milliseconds instead of a long poll, so unit tests run fast.
 * Thread-safe.
 */
final class FakeQueue implements MessageSource {
    private static final Instant SENT = Instant.parse("2026-11-30T12:00:00Z");

    private final Map<String, String> visible = new LinkedHashMap<>();
    private final Map<String, QueueMessage> inFlight = new LinkedHashMap<>();
    private final AtomicInteger receives = new AtomicInteger();
    private final AtomicInteger handles = new AtomicInteger();
    private final AtomicInteger emptyReceives = new AtomicInteger();
    private int sent;
    private int deleted;
    private volatile IntConsumer onEmptyReceive = count -> { };
    private volatile Runnable onBacklog = () -> { };
    private final List<String> attemptIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger receivesToFail = new AtomicInteger();

    /** Sends bodies; each gets a MessageId of the form {@code m-0001}. */
    synchronized FakeQueue send(List<String> bodies) {
        for (String body : bodies) {
            visible.put(String.format("m-%04d", ++sent), body);
        }
        return this;
    }

    /** Called with the number of empty receives so far, after each empty receive. */
    void onEmptyReceive(IntConsumer action) {
        this.onEmptyReceive = action;
    }

    /** Called before the counts are read, each time. */
    void onBacklog(Runnable action) {
        this.onBacklog = action;
    }

    /** The next {@code count} receives fail as a dropped connection would. */
    void failNextReceives(int count) {
        receivesToFail.set(count);
    }

    /** The attempt id of every receive so far, in order. */
    List<String> attemptIds() {
        return List.copyOf(attemptIds);
    }

    @Override
    public List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException {
        receives.incrementAndGet();
        attemptIds.add(attemptId);
        if (receivesToFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new SourceException("SQS receive failed: connection reset", true, null);
        }
        List<QueueMessage> received = take();
        if (received.isEmpty()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onEmptyReceive.accept(emptyReceives.incrementAndGet());
        }
        return received;
    }

    private synchronized List<QueueMessage> take() {
        List<QueueMessage> received = new ArrayList<>();
        var ids = visible.entrySet().iterator();
        while (ids.hasNext() && received.size() < SqsBatches.MAX_ENTRIES) {
            var entry = ids.next();
            ids.remove();
            QueueMessage message = new QueueMessage(entry.getKey(), "handle-" + handles.incrementAndGet(),
                    entry.getValue(), SENT, 1);
            inFlight.put(message.receiptHandle(), message);
            received.add(message);
        }
        return received;
    }

    @Override
    public synchronized DeleteResult delete(List<QueueMessage> messages) {
        int count = 0;
        for (QueueMessage message : messages) {
            if (inFlight.remove(message.receiptHandle()) != null) {
                count++;
            }
        }
        deleted += count;
        return new DeleteResult(count, List.of());
    }

    @Override
    public synchronized void changeVisibility(List<QueueMessage> messages, Duration timeout) {
        if (!timeout.isZero()) {
            return;
        }
        for (QueueMessage message : messages) {
            if (inFlight.remove(message.receiptHandle()) != null) {
                visible.put(message.messageId(), message.body());
            }
        }
    }

    @Override
    public QueueBacklog backlog() {
        onBacklog.run();
        synchronized (this) {
            return new QueueBacklog(visible.size(), inFlight.size(), 0);
        }
    }

    synchronized int deleted() {
        return deleted;
    }

    int receives() {
        return receives.get();
    }

    @Override
    public void close() {
    }
}
