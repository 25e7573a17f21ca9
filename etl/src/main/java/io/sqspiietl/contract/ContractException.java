package io.sqspiietl.contract;

/**
 * A contract file that cannot be used, with where and why: {@code FILE:LINE: KEY: problem}. Its
 * message is one line, safe to print: it quotes the contract, never a message.
 */
public final class ContractException extends Exception {
    private static final long serialVersionUID = 1L;

    ContractException(String message) {
        super(message);
    }

    /** A problem at {@code line} of {@code origin}, with the key path, e.g. {@code columns[2].type}. */
    static ContractException at(String origin, int line, String path, String problem) {
        return new ContractException(origin + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }
}
