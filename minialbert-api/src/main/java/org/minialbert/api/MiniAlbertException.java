package org.minialbert.api;

/**
 * Root of every error this project raises on purpose. Its message is written for the user: it says
 * where (file, line or tensor name), what is wrong, what is allowed and how to fix it. The command
 * line prints {@linkplain #isUserError() user errors} without a stack trace and exits with status 2.
 */
public class MiniAlbertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MiniAlbertException(String message) {
        super(message);
    }

    public MiniAlbertException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the error comes from the user's input (configuration, data, files) rather than a bug. */
    public boolean isUserError() {
        return true;
    }
}
