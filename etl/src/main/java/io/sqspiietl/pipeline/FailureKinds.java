package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkException;
import io.sqspiietl.source.SourceException;
import java.util.Locale;

/** The low-cardinality failure labels handed to {@link PipelineListener#failed}. */
final class FailureKinds {
    static final String TRANSIENT = "transient";
    static final String PERMANENT = "permanent";

    private FailureKinds() {
    }

    static String of(SourceException e) {
        return e.isTransient() ? TRANSIENT : PERMANENT;
    }

    /** {@code transient}, {@code permanent} or {@code invalid_data}. */
    static String of(SinkException e) {
        return e.kind().name().toLowerCase(Locale.ROOT);
    }
}
