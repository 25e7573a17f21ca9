package io.sqspiietl.testing;

import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source whose first delete of every message is swallowed, as if the loader had died between commit and
 * delete: each message comes back once its visibility timeout expires, and only its second delete goes
 * through.
 */
public final class FirstDeleteLost extends ForwardingSource {
    private final Set<String> deletedOnce = ConcurrentHashMap.newKeySet();

    public FirstDeleteLost(MessageSource delegate) {
        super(delegate);
    }

    @Override
    public DeleteResult delete(List<QueueMessage> messages) throws SourceException {
        List<QueueMessage> second = messages.stream().filter(m -> !deletedOnce.add(m.messageId())).toList();
        return super.delete(second);
    }
}
