package io.sqspiietl.pipeline;

import io.sqspiietl.source.SqsBatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many receive loops should run, from what their receives bring back. A long poll returns at most
 * ten messages per round trip, so the rate a queue can deliver grows with the number of receives under
 * way until something else (CPU, the database, the queue server, the in-flight budget) is the limit;
 * how many that takes depends on the queue's distance, which is not known in advance.
 *
 * <p>The rule, evaluated once per interval of at least {@link #INTERVAL} in which every loop reported:
 * <ol>
 *   <li>Half or more of the receives came back empty: the queue has less than the loops can take, and
 *       empty receives are billed, so <b>halve</b> the limit (at least 1).
 *   <li>Receivers had to wait for room (the in-flight budget or the buffer was full): the limit is
 *       downstream, more receives cannot help; <b>hold</b>.
 *   <li>The rate has stayed more than {@value #LOSS_PERCENT}% below where it was before the last growth
 *       for two intervals since: the loops contend for something (CPU, connections, the queue server);
 *       <b>undo</b> the growth and grow no more for {@value #COOLDOWN_INTERVALS} intervals. After the
 *       first such interval, <b>hold</b>: one quarter-second holds the new loops' first receives (in a
 *       fresh JVM, their first-call costs) and may hold a pause or a commit, so it is no trend yet.
 *   <li>Three quarters or more of the receives came back full: the queue holds more than the loops
 *       take, so <b>grow</b>, by doubling until a growth is first undone (slow start), then by one
 *       (additive increase).
 *   <li>Otherwise <b>hold</b>.
 * </ol>
 * This is additive increase with multiplicative decrease, as in TCP and Vector's adaptive request
 * concurrency, gated by the backlog (full receives), as Lambda's SQS poller scaling is, and by the rate.
 * A growth that leaves the rate where it was is kept: while every receive brings ten messages it costs
 * no request, and a queue server answers many receives at once more cheaply per message (locally, 4 to
 * 9 loops cost ElasticMQ 80-96 µs a message, 53 loops 61 µs). It is stable: growth needs full receives
 * and stops at the maximum, where the rate falls, or where downstream is the limit; an idle queue
 * halves the limit every interval down to one loop. Thread-safe.
 */
final class ReceiveConcurrency {
    static final Duration INTERVAL = Duration.ofMillis(250);
    /**
     * Where an adaptive run starts: few, because the first receives of a fresh JVM contend for its
     * class initialisation and two cores (16 loops made a 100-message drain 0.1-0.2 s slower), and
     * doubled every interval while more pays, to 64 within about a second.
     */
    static final int INITIAL = 4;
    static final int LOSS_PERCENT = 10;
    static final int COOLDOWN_INTERVALS = 8;

    /** What the last interval did: grew, held after a growth for a second look, or anything else. */
    private enum Step { GROW, DOUBT, OTHER }

    private final Clock clock;
    private final int max;
    private final boolean pinned;
    private volatile int limit;
    private int limitBeforeGrowth;
    private boolean slowStart = true;
    private int cooldown;
    private Step lastStep = Step.OTHER;
    private double rateBeforeGrowth;
    private Instant intervalStart;
    private int receives;
    private int empty;
    private int full;
    private long messages;
    private boolean heldBack;

    private ReceiveConcurrency(Clock clock, int initial, int max, boolean pinned) {
        this.clock = clock;
        this.max = max;
        this.pinned = pinned;
        this.limit = initial;
        this.intervalStart = clock.instant();
    }

    /** A limit that adapts between 1 and {@code max}. */
    static ReceiveConcurrency adaptive(Clock clock, int max) {
        return new ReceiveConcurrency(clock, Math.min(INITIAL, max), max, false);
    }

    /** A limit fixed at {@code receivers}. */
    static ReceiveConcurrency pinned(Clock clock, int receivers) {
        return new ReceiveConcurrency(clock, receivers, receivers, true);
    }

    /** How many loops should run now. */
    int limit() {
        return limit;
    }

    /**
     * Reports that a receive's messages had to wait for room further down (the batcher's buffer was
     * full): the limit of this interval is downstream.
     */
    synchronized void heldBack() {
        heldBack = true;
    }

    /**
     * Reports one receive.
     *
     * @param count          how many messages it brought (0 to 10)
     * @param waitedForRoom  whether the loop had to wait for room before or after it
     */
    synchronized void received(int count, boolean waitedForRoom) {
        receives++;
        messages += count;
        empty += count == 0 ? 1 : 0;
        full += count == SqsBatches.MAX_ENTRIES ? 1 : 0;
        heldBack |= waitedForRoom;
        Instant now = clock.instant();
        Duration elapsed = Duration.between(intervalStart, now);
        if (pinned || receives < limit || elapsed.compareTo(INTERVAL) < 0) {
            return;
        }
        adjust(messages * 1e3 / Math.max(1, elapsed.toMillis()));
        intervalStart = now;
        receives = 0;
        empty = 0;
        full = 0;
        messages = 0;
        heldBack = false;
    }

    private void adjust(double rate) {
        Step step = Step.OTHER;
        if (2 * empty >= receives) {
            limit = Math.max(1, limit / 2);
            slowStart = false;
        } else if (heldBack) {
            // downstream is the limit: hold
        } else if (lastStep != Step.OTHER && rate < rateBeforeGrowth * (1 - LOSS_PERCENT / 100.0)) {
            if (lastStep == Step.GROW) {
                step = Step.DOUBT;
            } else {
                limit = limitBeforeGrowth;
                slowStart = false;
                cooldown = COOLDOWN_INTERVALS;
            }
        } else if (4 * full >= 3 * receives && cooldown == 0 && limit < max) {
            limitBeforeGrowth = limit;
            rateBeforeGrowth = rate;
            limit = Math.min(max, slowStart ? 2 * limit : limit + 1);
            step = Step.GROW;
        } else {
            cooldown = Math.max(0, cooldown - 1);
        }
        lastStep = step;
    }
}
