package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One run of {@link MiniAlbertCommand#execute} with {@code System.out} and {@code System.err}
 * captured. picocli's {@code CommandLine.getOut()/getErr()} wrap {@code System.out/err} when first
 * asked (during execution), so replacing the two streams around the call captures everything the
 * commands print.
 */
record CliRun(String[] args, int status, String out, String err) {

    static CliRun of(Object... args) {
        String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int status;
        synchronized (CliRun.class) {
            try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                System.setOut(capturedOut);
                System.setErr(capturedErr);
                status = MiniAlbertCommand.execute(strings);
                capturedOut.flush();
                capturedErr.flush();
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
        }
        return new CliRun(strings, status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Asserts exit status 0 and returns this run. */
    CliRun succeeded() {
        assertThat(status).as(describe()).isZero();
        return this;
    }

    /**
     * Asserts a user error: exit status 2, one {@code error: ...} line on stderr, no stack trace;
     * returns the message after {@code error: }.
     */
    String userError() {
        assertThat(status).as(describe()).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(err).as(describe()).contains("error: ")
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("internal error");
        String message = err.substring(err.indexOf("error: ") + "error: ".length()).strip();
        assertThat(message).as(describe()).isNotBlank();
        return message;
    }

    String describe() {
        return "minialbert " + String.join(" ", args) + "\n--- exit " + status + "\n--- stdout:\n" + out
                + "\n--- stderr:\n" + err;
    }
}
