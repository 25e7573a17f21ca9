package io.sqspiietl.benchmarks;

import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message CPU path of the loader: parse, flatten, route, validate and coerce a take-home-shaped
 * body by the built-in login contract, mask its ip and device id (AES-SIV), and build the row (or seal
 * the body of a rejected one). One thread, so the score is messages per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TransformAndMaskBenchmark {
    private MessageProcessor processor;
    private List<QueueMessage> messages;
    private int next;

    @Setup
    public void setUp() throws KeysetException {
        processor = MessageProcessor.of(ContractReader.login(), SnsEnvelopeMode.AUTO,
                MaskingKeyset.generate(), Clock.systemUTC(), PipelineListener.NONE);
        List<String> bodies = new SyntheticLogins(1).next(1000);
        Instant sentAt = Instant.parse("2026-11-21T12:00:00Z");
        messages = IntStream.range(0, bodies.size())
                .mapToObj(i -> new QueueMessage("m-" + i, "r-" + i, bodies.get(i), sentAt, 1))
                .toList();
    }

    @Benchmark
    public SinkRecord processOneMessage() {
        QueueMessage message = messages.get(next);
        next = (next + 1) % messages.size();
        return processor.process(message);
    }
}
