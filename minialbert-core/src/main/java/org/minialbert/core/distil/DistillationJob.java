package org.minialbert.core.distil;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import org.minialbert.core.config.JobFile;
import org.minialbert.core.config.Problems;
import org.minialbert.core.model.ModelFactory;

/** A distillation job as loaded: its resolved configuration (saved with the run) and its checked settings. */
public record DistillationJob(Config resolved, DistillationSettings settings) {

    /**
     * Loads {@code file} (null for the defaults alone) with {@code overrides} over core's defaults and
     * reads every setting; all problems are reported together.
     */
    public static DistillationJob load(Path file, List<String> overrides, ModelFactory factory) {
        Problems problems = new Problems();
        Config config = JobFile.load(file, overrides, "minialbert.distil", problems);
        return new DistillationJob(config, DistillationSettings.from(config, problems, factory));
    }
}
