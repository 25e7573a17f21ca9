package io.sqspiietl.pipeline;

import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;

/** The processing stage of the built-in login contract, as {@code run} builds it by default. */
final class LoginProcessors {
    private LoginProcessors() {
    }

    static MessageProcessor of(MaskingKeyset keyset) {
        try {
            return MessageProcessor.of(ContractReader.login(), SnsEnvelopeMode.AUTO, keyset, Clock.systemUTC(), PipelineListener.NONE);
        } catch (KeysetException e) {
            throw new IllegalStateException(e);
        }
    }
}
