package io.sqspiietl.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Whether the loader can do its work: both dependencies were reached recently and the latest call to
 * each did not fail, and its keyset holds the key the database is bound to. A failure makes the loader
 * unready at once (so a load balancer or KEDA sees an outage within a probe period), a success within
 * {@link #window} makes it ready again. Thread-safe.
 */
public final class Readiness {
    /** What the loader needs to reach. */
    public enum Dependency {
        SQS, POSTGRESQL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How one dependency answered last: the time of its latest success, and whether a failure came after it. */
    private record State(Instant lastSuccess, boolean failing) {
    }

    private final Clock clock;
    private final Duration window;
    private final Map<Dependency, State> states = new EnumMap<>(Dependency.class);
    private boolean keysetOutdated;

    /**
     * @param window how recent a success must be; longer than the period of the slowest natural
     *               contact (a 20 s long poll) and of the database probe
     */
    public Readiness(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    public synchronized void reached(Dependency dependency) {
        states.put(dependency, new State(clock.instant(), false));
    }

    public synchronized void failed(Dependency dependency) {
        State state = states.get(dependency);
        states.put(dependency, new State(state == null ? null : state.lastSuccess(), true));
    }

    /**
     * Whether the database's key binding matches the loader's keyset; after a rotation rebound it, the
     * loader is unready until it takes up the rotated keyset.
     */
    public synchronized void keyBinding(boolean matches) {
        keysetOutdated = !matches;
    }

    public synchronized boolean isReady() {
        if (keysetOutdated) {
            return false;
        }
        for (Dependency dependency : Dependency.values()) {
            if (!"ok".equals(status(dependency))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One word per dependency, e.g. {@code sqs=ok postgresql=failing}, and {@code keyset=outdated} while
     * the database is bound to another key; safe to show to anyone.
     */
    public synchronized String describe() {
        StringJoiner text = new StringJoiner(" ");
        for (Dependency dependency : Dependency.values()) {
            text.add(dependency.label() + "=" + status(dependency));
        }
        if (keysetOutdated) {
            text.add("keyset=outdated");
        }
        return text.toString();
    }

    private String status(Dependency dependency) {
        State state = states.get(dependency);
        if (state == null || state.lastSuccess() == null) {
            return state == null ? "unknown" : "failing";
        }
        if (state.failing()) {
            return "failing";
        }
        return state.lastSuccess().isBefore(clock.instant().minus(window)) ? "stale" : "ok";
    }
}
