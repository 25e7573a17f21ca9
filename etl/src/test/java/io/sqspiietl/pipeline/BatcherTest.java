package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TableRow;
import io.sqspiietl.sink.TestRows;
import io.sqspiietl.source.QueueMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private static final TableRow ROW = TestRows.login("u");

    @Test
    void aReceiveThatDoesNotFitOpensTheNextBatchInOrder() throws Exception {
        Batcher batcher = new Batcher(7, Duration.ZERO, 10);
        batcher.put(items(1, 10));
        batcher.put(items(11, 10));

        assertThat(ids(batcher.next())).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(ids(batcher.next())).containsExactly(8, 9, 10, 11, 12, 13, 14);
        assertThat(ids(batcher.next())).containsExactly(15, 16, 17, 18, 19, 20);
        assertThat(batcher.isEmpty()).isTrue();
        assertThat(batcher.next()).isEmpty();
    }

    @Test
    void aBatchTakesWhatIsWaitingEvenPastItsLinger() throws Exception {
        Batcher batcher = new Batcher(500, Duration.ZERO, 10);
        batcher.put(items(1, 3));
        batcher.put(items(4, 3));

        assertThat(ids(batcher.next())).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void offerRefusesWhenTheBufferIsFull() throws Exception {
        Batcher batcher = new Batcher(500, Duration.ZERO, 1);
        assertThat(batcher.offer(items(1, 1))).isTrue();
        assertThat(batcher.offer(items(2, 1))).isFalse();
    }

    private static List<Item> items(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> {
            QueueMessage message = new QueueMessage("m-" + i, "h-" + i, "{}", Instant.EPOCH, 1);
            return Item.of(message, new SinkRecord.Load(message.messageId(), ROW), 0);
        }).toList();
    }

    private static List<Integer> ids(List<Item> batch) {
        return batch.stream().map(item -> Integer.parseInt(item.message().messageId().substring(2))).toList();
    }
}
