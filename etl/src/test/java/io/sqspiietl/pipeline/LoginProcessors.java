package io.sqspiietl.pipeline;

import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;
import java.util.List;

/** The processing stage of the built-in login contract, as {@code run} builds it by default. */
final class LoginProcessors {
    private LoginProcessors() {
    }

    static MessageProcessor of(MaskingKeyset keyset) {
        try {
            return MessageProcessor.of(ContractReader.readAll(List.of(ContractReader.LOGIN)), SnsEnvelopeMode.AUTO,
                    keyset, Clock.systemUTC(), PipelineListener.NONE);
        } catch (ContractException | KeysetException e) {
            throw new IllegalStateException(e);
        }
    }
}
