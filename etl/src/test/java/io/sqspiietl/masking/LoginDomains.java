package io.sqspiietl.masking;

import java.util.List;

/** The masking domains of the built-in login contract's masked columns, as tests mask and reveal them. */
public final class LoginDomains {
    /** {@code masked_ip} masks field {@code ip}. */
    public static final MaskDomain IP = MaskDomain.of("ip");
    /** {@code masked_device_id} masks field {@code device_id}. */
    public static final MaskDomain DEVICE_ID = MaskDomain.of("device_id");
    /** Both. */
    public static final List<MaskDomain> ALL = List.of(IP, DEVICE_ID);

    private LoginDomains() {
    }
}
