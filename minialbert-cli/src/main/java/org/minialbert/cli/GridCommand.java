package org.minialbert.cli;

import java.io.PrintWriter;
import java.util.List;
import org.minialbert.core.finetune.FineTuneJob;
import org.minialbert.core.finetune.NerGrid;
import org.minialbert.core.finetune.ResultsTable;
import org.minialbert.core.finetune.TaskResult;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import picocli.CommandLine;

/**
 * What {@code glue} and {@code ner} share: the grid and device options, running the fine-tuning job
 * over the chosen tasks and printing its results table and where {@code results.md} is. A subclass
 * gives its task option and its NER settings; the settings are checked before the tasks are looked up.
 */
abstract class GridCommand implements Runnable {
    private final ModelLocator locator;
    final ModelFactory factory;

    @CommandLine.Mixin
    private GridOptions options = new GridOptions();

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    GridCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    /** The command's task option as given (null when it was not); see {@link #taskNames}. */
    abstract List<String> taskOption();

    /** The NER settings of the job, checked (GLUE tasks ignore them). */
    abstract NerGrid.Options nerOptions();

    /** The job's task names for the given option (as given, unless a command resolves them first). */
    List<String> taskNames(List<String> given) {
        return given;
    }

    /** The error for a command line that lacks a required option, naming them all. */
    abstract String missingOptions();

    @Override
    public final void run() {
        List<String> given = taskOption();
        if (!options.complete() || given == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), missingOptions());
        }
        NerGrid.Options ner = nerOptions();
        FineTuneJob job = new FineTuneJob(options.model, taskNames(given), options.data, options.grid(),
                options.saveModel, ner, device.choice());
        List<TaskResult> results = job.run(locator, factory.catalog(), options.output, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ResultsTable.markdown(options.model, results));
        out.println("results: " + options.output.resolve("results.md"));
    }
}
