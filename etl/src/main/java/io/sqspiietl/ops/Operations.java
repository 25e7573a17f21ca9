package io.sqspiietl.ops;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sqspiietl.ops.Readiness.Dependency;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.Threads;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything operators see of one loader process: the metrics registry (loader and JVM meters), the
 * readiness state, and, once {@link #serve} is called, the HTTP endpoints and a periodic database
 * probe that keeps an idle loader ready. Closing stops the endpoints and the probe.
 */
public final class Operations implements AutoCloseable {
    /** How recently both dependencies must have answered for the loader to be ready. */
    public static final Duration READINESS_WINDOW = Duration.ofSeconds(30);
    /** How often the database is probed; a third of the window, so one lost probe is tolerated. */
    public static final Duration PROBE_PERIOD = Duration.ofSeconds(10);

    /** A cheap check that a dependency answers, e.g. {@code SELECT 1}. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Readiness readiness;
    private final LoaderMetrics metrics;
    private OpsServer server;
    private ScheduledExecutorService prober;

    public Operations(Clock clock) {
        readiness = new Readiness(clock, READINESS_WINDOW);
        metrics = new LoaderMetrics(registry, readiness);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** What the pipeline reports to. */
    public PipelineListener listener() {
        return metrics;
    }

    /**
     * Serves the endpoints on {@code port} (0 picks a free one) and probes the database every
     * {@code probePeriod}, starting now.
     *
     * @throws IOException if the port cannot be bound
     */
    public synchronized void serve(int port, Probe database, Duration probePeriod) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already serving on port " + server.port());
        }
        server = OpsServer.start(port, registry, readiness);
        prober = Executors.newSingleThreadScheduledExecutor(Threads.named("ops-probe"));
        prober.scheduleWithFixedDelay(() -> probe(database), 0, probePeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The port the endpoints listen on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not serving");
        }
        return server.port();
    }

    private void probe(Probe database) {
        try {
            database.check();
            readiness.reached(Dependency.POSTGRESQL);
        } catch (Exception e) {
            // Readiness says "failing"; the pipeline's own incident log reports the outage once.
            readiness.failed(Dependency.POSTGRESQL);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            prober.shutdownNow();
            server.close();
        }
        gcMetrics.close();
        registry.close();
    }
}
