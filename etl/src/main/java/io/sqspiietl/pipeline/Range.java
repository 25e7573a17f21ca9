package io.sqspiietl.pipeline;

/**
 * The accepted values of one setting. Callers check with the name their user knows the setting by
 * (a flag, a field), so the message names what to fix.
 */
public record Range(long min, long max) {
    /**
     * @param name how the setting is named in the message, e.g. {@code --batch-size}
     * @throws IllegalArgumentException naming the setting and the range, if {@code value} is outside it
     */
    public long check(String name, long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
