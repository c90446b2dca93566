/**
 * The {@code minialbert} command line (picocli). {@link org.minialbert.cli.MiniAlbertCommand} is the
 * entry point; each sub-command is a class of its own. Errors from the user's input are printed
 * without a stack trace and exit with status 2; other failures exit with 1.
 */
package org.minialbert.cli;
