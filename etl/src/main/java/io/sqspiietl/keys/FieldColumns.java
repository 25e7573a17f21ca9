package io.sqspiietl.keys;

import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.sink.MaskedColumns.Column;

/** Which column of {@code user_logins} holds which masked field. */
final class FieldColumns {
    private FieldColumns() {
    }

    static Column columnOf(MaskedField field) {
        return switch (field) {
            case IP -> Column.MASKED_IP;
            case DEVICE_ID -> Column.MASKED_DEVICE_ID;
        };
    }

    static MaskedField fieldOf(Column column) {
        return switch (column) {
            case MASKED_IP -> MaskedField.IP;
            case MASKED_DEVICE_ID -> MaskedField.DEVICE_ID;
        };
    }
}
