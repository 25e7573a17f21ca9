package io.sqspiietl.keys;

import io.sqspiietl.sink.MaskedColumns.RewriteSummary;

/**
 * What a rekey did: the masked columns it rewrote, and how many quarantined bodies it sealed anew.
 */
public record RekeySummary(RewriteSummary columns, long bodiesResealed) {
}
