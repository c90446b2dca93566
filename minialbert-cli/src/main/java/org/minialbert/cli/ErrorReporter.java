package org.minialbert.cli;

import org.minialbert.api.MiniAlbertException;
import picocli.CommandLine;

/**
 * Turns exceptions into exit statuses: the project's user errors (bad configuration, data,
 * checkpoints) print their message only and exit 2; anything else is a bug, printed with its stack
 * trace, exit 1.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        MiniAlbertException cause = userError(e);
        if (cause != null) {
            commandLine.getErr().println("error: " + cause.getMessage());
            return USER_ERROR;
        }
        commandLine.getErr().println("internal error (please report it): " + e);
        e.printStackTrace(commandLine.getErr());
        return FAILURE;
    }

    private static MiniAlbertException userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MiniAlbertException m && m.isUserError()) {
                return m;
            }
        }
        return null;
    }
}
