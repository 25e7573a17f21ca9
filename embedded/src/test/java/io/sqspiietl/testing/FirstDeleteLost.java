package io.sqspiietl.testing;

import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source whose first delete of every message is swallowed, as if the loader had died between commit and
 * delete: each message comes back once its visibility timeout expires, and only its second delete goes
 * through. Does not close the source it wraps.
 */
public final class FirstDeleteLost implements MessageSource {
    private final MessageSource delegate;
    private final Set<String> deletedOnce = ConcurrentHashMap.newKeySet();

    public FirstDeleteLost(MessageSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException {
        return delegate.receive(wait, attemptId);
    }

    @Override
    public DeleteResult delete(List<QueueMessage> messages) throws SourceException {
        List<QueueMessage> second = messages.stream().filter(m -> !deletedOnce.add(m.messageId())).toList();
        return delegate.delete(second);
    }

    @Override
    public void changeVisibility(List<QueueMessage> messages, Duration timeout) throws SourceException {
        delegate.changeVisibility(messages, timeout);
    }

    @Override
    public QueueBacklog backlog() throws SourceException {
        return delegate.backlog();
    }

    @Override
    public void close() {
    }
}
