package io.sqspiietl.contract;

/**
 * A contract file that cannot be used, with where and why: {@code FILE:LINE: KEY: problem}. Its
 * message is one line, safe to print: it quotes the contract, never a message, and a control
 * character or line separator the contract's text holds is written as the escape of its code point
 * (a line feed as backslash, {@code u000a}).
 */
public final class ContractException extends Exception {
    private static final long serialVersionUID = 1L;

    ContractException(String message) {
        super(oneLine(message));
    }

    /** A problem at {@code line} of {@code origin}, with the key path, e.g. {@code columns[2].type}. */
    static ContractException at(String origin, int line, String path, String problem) {
        return new ContractException(origin + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** Keys and values are quoted as written, and YAML lets a quoted or folded one hold a line break. */
    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }
}
