package io.sqspiietl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.source.QueueBacklog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue of synthetic take-home-shaped logins and the one outcome every way of loading it must reach:
 * each valid message exactly once in {@code user_logins}, each wrong-type one in the quarantine, every
 * MessageId once in the ledger, and nothing left on the queue.
 */
public final class SyntheticLoad {
    private static final Duration ROWS_TIMEOUT = Duration.ofMinutes(1);

    private SyntheticLoad() {
    }

    /** A new queue holding the first {@code messages} bodies of {@link SyntheticLogins} with this seed. */
    public static String seededQueue(int messages, Map<QueueAttributeName, String> attributes) {
        String queueUrl = TestServices.newQueue(attributes);
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(new SyntheticLogins(messages).next(messages));
        return queueUrl;
    }

    /** Waits until {@code user_logins} holds at least {@code rows} rows; returns the count seen then. */
    public static long awaitRows(String jdbcUrl, long rows) throws Exception {
        AtomicLong seen = new AtomicLong();
        Await.until(ROWS_TIMEOUT, () -> {
            seen.set(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins"));
            return seen.get() >= rows;
        });
        return seen.get();
    }

    /** The exact outcome of loading {@code messages} synthetic logins from {@code queueUrl} into {@code jdbcUrl}. */
    public static void assertLoadedExactlyOnce(String jdbcUrl, String queueUrl, long messages) throws SQLException {
        long invalid = SyntheticLogins.wrongTypeCount(messages);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(messages - invalid);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(messages - invalid);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(invalid);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger")).isEqualTo(messages);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }
}
