package org.minialbert.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.core.finetune.FineTuneJob;
import org.minialbert.core.finetune.ResultsTable;
import org.minialbert.core.finetune.TaskResult;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minialbert finetune}: the glue command as a HOCON job. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune and evaluate on GLUE tasks and/or biomedical NER datasets as described by a HOCON job "
                + "(see minialbert.finetune in core's reference.conf).")
final class FineTuneCommand implements Runnable {
    private final ModelLocator locator;
    private final ModelFactory factory;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB.conf", description = "job file")
    private Path job;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a job key, e.g. --set tasks=[cola,rte]")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "results folder")
    private Path output;

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    FineTuneCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public void run() {
        FineTuneJob loaded = FineTuneJob.load(job, device.overriding(overrides));
        List<TaskResult> results = loaded.run(locator, factory.catalog(), output, System.err);
        spec.commandLine().getOut().println(ResultsTable.markdown(loaded.model(), results));
    }
}
