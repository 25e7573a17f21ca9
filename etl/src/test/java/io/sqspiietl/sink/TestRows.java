package io.sqspiietl.sink;

import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import java.time.LocalDate;

/** Rows of the built-in login contract for tests that need some row, not a particular one. */
public final class TestRows {
    /** The built-in login contract. */
    public static final Contract LOGIN = login();

    private TestRows() {
    }

    /** A row of {@code user_logins} with only {@code userId} set. */
    public static TableRow login(String userId) {
        Object[] values = new Object[LOGIN.storedColumns().size()];
        values[0] = userId;
        return new TableRow(LOGIN, values);
    }

    /** A row of {@code user_logins}, its values given in the take-home table's column order. */
    public static TableRow login(String userId, String deviceType, String maskedIp, String maskedDeviceId, String locale,
                                 Integer appVersion, LocalDate createDate) {
        return new TableRow(LOGIN, new Object[] {userId, deviceType, locale, maskedIp, maskedDeviceId, appVersion, createDate});
    }

    private static Contract login() {
        try {
            return ContractReader.read(ContractReader.LOGIN);
        } catch (ContractException e) {
            throw new IllegalStateException(e);
        }
    }
}
