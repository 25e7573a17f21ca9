package io.sqspiietl.transform;

import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import java.time.LocalDate;

/**
 * A login event as the tests compare it: the values of the built-in login contract's columns by name,
 * so that the tests written for the login parser before contracts check the contract-driven path with
 * their assertions unchanged.
 */
record LoginEvent(String userId, String deviceType, String ip, String deviceId, String locale, Integer appVersion,
                  LocalDate createDate) {
    /** The built-in login contract, as the default run reads it. */
    static final Contracts LOGIN = ContractReader.login();

    /** The login event of an event of the login contract (columns user_id, device_type, locale, ip, device_id, ...). */
    static LoginEvent of(Event event) {
        return new LoginEvent((String) event.value(0), (String) event.value(1), (String) event.value(3),
                (String) event.value(4), (String) event.value(2), (Integer) event.value(5), (LocalDate) event.value(6));
    }
}
