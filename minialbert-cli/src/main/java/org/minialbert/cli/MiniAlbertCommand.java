package org.minialbert.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.minialbert.core.wiring.CoreModule;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Top-level {@code minialbert} command: lists the sub-commands. */
@Command(name = "minialbert", mixinStandardHelpOptions = true, version = "minialbert 0.1.0-SNAPSHOT",
        description = "Distil BERT teachers into tiny recursive MiniALBERT students, fine-tune and evaluate them.",
        subcommands = {DistilCommand.class, ValidateCommand.class, GlueCommand.class, FineTuneCommand.class, NerCommand.class,
            EncodeCommand.class,
            InspectCommand.class,
            PluginsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class MiniAlbertCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int execute(String... args) {
        Injector injector = Guice.createInjector(new CoreModule());
        CommandLine commandLine = new CommandLine(MiniAlbertCommand.class, new GuiceCommandFactory(injector));
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine.execute(args);
    }
}
