package io.sqspiietl.pipeline;

import java.util.Optional;

/**
 * How a service takes up the keyset a rotation's {@code rekey} rebound the database to. The
 * {@link Loader} implements it: it reads the keyset again through {@link Loader.ProcessorSource#reload()}
 * and tells the sink to expect the new binding.
 */
@FunctionalInterface
interface KeysetSwap {
    /** Takes nothing up: a service waits, unready and loading nothing, until it is stopped. */
    KeysetSwap NONE = Optional::empty;

    /**
     * The processor of a keyset the database is bound to now, with the sink already expecting that
     * binding; empty while there is none. Called on the writer thread; must not throw.
     */
    Optional<MessageProcessor> next();
}
