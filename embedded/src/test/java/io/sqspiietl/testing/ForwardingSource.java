package io.sqspiietl.testing;

import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Duration;
import java.util.List;

/**
 * A source that passes every call to another one, for tests to override the calls they inject a fault
 * into or watch. Closing it closes the source it wraps.
 */
public abstract class ForwardingSource implements MessageSource {
    private final MessageSource delegate;

    protected ForwardingSource(MessageSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException {
        return delegate.receive(wait, attemptId);
    }

    @Override
    public DeleteResult delete(List<QueueMessage> messages) throws SourceException {
        return delegate.delete(messages);
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
        delegate.close();
    }
}
