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
 * names its tasks and its NER settings.
 */
abstract class GridCommand implements Runnable {
    final ModelLocator locator;
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

    /** The tasks to tune on, as plugin names; null when the command's task option was not given. */
    abstract List<String> tasks();

    /** The NER settings of the job (GLUE tasks ignore them). */
    abstract NerGrid.Options nerOptions();

    /** The error for a command line that lacks a required option, naming them all. */
    abstract String missingOptions();

    @Override
    public final void run() {
        List<String> tasks = options.complete() ? tasks() : null;
        if (tasks == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), missingOptions());
        }
        FineTuneJob job = new FineTuneJob(options.model, tasks, options.data, options.grid(), options.saveModel,
                nerOptions(), device.choice());
        List<TaskResult> results = job.run(locator, factory.catalog(), options.output, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ResultsTable.markdown(options.model, results));
        out.println("results: " + options.output.resolve("results.md"));
    }
}
