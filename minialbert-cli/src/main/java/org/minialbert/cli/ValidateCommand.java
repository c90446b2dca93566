package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.core.distil.DistillationJob;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.distil.DistillationSettings;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minialbert validate}: checks a distillation job without running it: every key and value,
 * the plugins it names and their settings, then the teacher, the student and the objective together.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a distillation job without running it; exit 0 when valid, 2 with every problem listed.")
final class ValidateCommand implements Runnable {
    private final ModelLocator locator;
    private final ModelFactory factory;

    @Parameters(index = "0", paramLabel = "JOB.conf", description = "the job file")
    private Path job;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a job key, as for distil")
    private List<String> overrides = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    ValidateCommand(ModelLocator locator, ModelFactory factory) {
        this.locator = locator;
        this.factory = factory;
    }

    @Override
    public void run() {
        DistillationSettings settings = DistillationJob.load(job, overrides, factory).settings();
        try (NDManager manager = OfflineEngine.newManager();
                DistillationRun run = DistillationRun.prepare(settings, locator, factory, manager)) {
            spec.commandLine().getOut().printf("%s is valid: teacher %s (%d layers), student %d iterations, mapping %s%n",
                    job, settings.teacher().model(), run.teacher().config().layers(), run.student().config().layers(),
                    run.objective().mapping().teacherLayers());
        }
    }
}
