package io.sqspiietl.cli;

/** Entry point of the production application. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("sqs-pii-etl");
    }
}
