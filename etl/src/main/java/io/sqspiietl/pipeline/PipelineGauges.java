package io.sqspiietl.pipeline;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The live levels of a running pipeline, read on demand by metrics.
 *
 * @param inFlightMessages messages received and neither deleted nor given back yet
 * @param inFlightBytes    the memory they hold, with the room reserved for receives under way
 * @param receivers        receive loops running now (adaptive unless pinned with {@code --receivers})
 * @param deleters         delete calls under way now
 */
public record PipelineGauges(IntSupplier inFlightMessages, LongSupplier inFlightBytes,
                             IntSupplier receivers, IntSupplier deleters) {
}
