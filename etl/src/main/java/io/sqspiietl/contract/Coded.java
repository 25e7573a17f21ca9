package io.sqspiietl.contract;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A constant that contract files name by a code of its own, e.g. {@code ip-prefix}. */
interface Coded {
    /** The constant's name in a contract file. */
    String code();

    /** The constant of {@code type} whose code is {@code code}, or null when there is none. */
    static <E extends Enum<E> & Coded> E fromCode(Class<E> type, String code) {
        for (E constant : type.getEnumConstants()) {
            if (constant.code().equals(code)) {
                return constant;
            }
        }
        return null;
    }

    /** The codes of {@code type}, for an error that lists what is allowed. */
    static <E extends Enum<E> & Coded> String codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Coded::code).collect(Collectors.joining(", "));
    }
}
