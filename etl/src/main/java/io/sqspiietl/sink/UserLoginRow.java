package io.sqspiietl.sink;

import java.time.LocalDate;

/** One row of {@code user_logins}. Holds masked values only, never a raw ip or device id. */
public record UserLoginRow(String userId, String deviceType, String maskedIp, String maskedDeviceId,
                           String locale, Integer appVersion, LocalDate createDate) {
}
