package io.sqspiietl.sink;

import java.util.Optional;

/**
 * The sealed bodies of {@code user_logins_quarantine}, re-sealed in place for {@code rekey}. The store
 * owns the transactions: a caller supplies what to write, never a connection.
 */
public interface SealedBodies {

    /**
     * Decides the new form of one sealed body.
     *
     * @param <X> what the resealer may throw to stop the re-sealing
     */
    @FunctionalInterface
    interface Resealer<X extends Exception> {
        /** @return the body sealed anew, or empty to keep {@code sealed} */
        Optional<byte[]> reseal(String messageId, byte[] sealed) throws X;
    }

    /**
     * Offers every sealed body to {@code resealer}, in MessageId order, a few rows per transaction that
     * locks them (bodies are up to 1 MiB), and stores what it returns. An interrupted run keeps every
     * transaction it committed; running it again offers those bodies again, and the resealer then keeps
     * them.
     *
     * @return how many bodies were re-sealed
     * @throws X             if the resealer throws; nothing of the current transaction is changed
     * @throws SinkException if the database fails; nothing of the current transaction is changed
     */
    <X extends Exception> long resealAll(Resealer<X> resealer) throws SinkException, X;
}
