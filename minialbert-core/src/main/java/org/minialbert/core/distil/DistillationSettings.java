package org.minialbert.core.distil;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.config.Locations;
import org.minialbert.core.config.Problems;
import org.minialbert.core.config.SettingsReader;
import org.minialbert.core.data.CorpusFormat;
import org.minialbert.core.data.CorpusSource;
import org.minialbert.core.data.EmbeddedCorpus;
import org.minialbert.core.engine.DeviceChoice;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.plugin.PluginChoice;
import org.minialbert.core.train.AdamWSettings;

/**
 * A distillation job read eagerly from its resolved configuration (defaults in core's
 * {@code reference.conf} under {@code minialbert.distil}); every bad value is collected with its
 * file:line before anything runs.
 */
public record DistillationSettings(Teacher teacher, Student student, Data data, Loss loss, Train train,
        Checkpoints checkpoints, int logEvery, DeviceChoice device, Locations locations) {

    public record Teacher(String model, boolean trainMode) {
    }

    /** Null widths mean "the teacher's". */
    public record Student(String checkpoint, int embeddingSize, int iterations, Integer hiddenSize,
            Integer attentionHeads, Integer intermediateSize, PluginChoice sharing, List<PluginChoice> adaptation,
            float dropout, PluginChoice init) {
    }

    /** {@code files} empty means the embedded corpus. */
    public record Data(List<CorpusSource> files, int maxLength, int stride, int maxWindowsPerDocument,
            Integer maxDocuments, double maskProbability, Path cacheDir) {
    }

    public record Loss(List<PluginChoice> terms, LossWeights weights, PluginChoice mapping) {
    }

    public record Train(int steps, int batchSize, int gradientAccumulation, float learningRate, int warmupSteps,
            float maxGradNorm, AdamWSettings adam, long seed) {
    }

    public record Checkpoints(int every, int keep) {
    }

    /**
     * Reads and checks every setting, plugin choices against {@code factory}'s plugins; all problems
     * are thrown together.
     */
    public static DistillationSettings from(Config config, Problems problems, ModelFactory factory) {
        SettingsReader r = new SettingsReader(config, problems);
        Teacher teacher = new Teacher(r.string("teacher.model"), r.bool("teacher.train-mode"));
        Student student = new Student(r.optionalString("student.checkpoint"),
                r.integer("student.embedding-size", 1, 65536), r.integer("student.iterations", 1, 1000),
                optional(r, "student.hidden-size"), optional(r, "student.attention-heads"),
                optional(r, "student.intermediate-size"), r.plugin("student.sharing", factory.catalog().sharing()),
                r.plugins("student.adaptation", factory.catalog().adaptation()),
                (float) r.number("student.dropout", 0, 0.99),
                r.plugin("student.init", factory.catalog().initialiser()));
        Data data = new Data(corpus(config, r), r.integer("data.max-length", 3, 1 << 16),
                r.integer("data.stride", 0, 1 << 16), r.integer("data.max-windows-per-document", 1, 1 << 20),
                config.getIsNull("data.max-documents") ? null : r.integer("data.max-documents", 1, Integer.MAX_VALUE),
                r.number("data.mask-probability", 1e-6, 0.999),
                config.getIsNull("data.cache-dir") ? null : Path.of(r.string("data.cache-dir")));
        List<PluginChoice> terms = r.plugins("loss.terms", factory.catalog().loss());
        if (terms.isEmpty()) {
            r.fail("loss.terms", "list at least one term, e.g. [mlm, attention-kl, hidden-cosine]", null);
        }
        Loss loss = new Loss(terms, new LossWeights(r.number("loss.alpha", 0, 1e6), r.number("loss.beta", 0, 1e6),
                r.number("loss.gamma", 0, 1e6), r.numbers("loss.lambda", 0)),
                r.plugin("loss.mapping", factory.catalog().mapping()));
        Train train = new Train(r.integer("train.steps", 1, Integer.MAX_VALUE), r.integer("train.batch-size", 1, 1 << 16),
                r.integer("train.gradient-accumulation", 1, 1 << 16), (float) r.number("train.learning-rate", 1e-12, 10),
                r.integer("train.warmup-steps", 0, Integer.MAX_VALUE), (float) r.number("train.max-grad-norm", 0, 1e9),
                adam(r), (long) r.number("train.seed", 0, Long.MAX_VALUE));
        Checkpoints checkpoints = new Checkpoints(r.integer("checkpoint.every", 1, Integer.MAX_VALUE),
                r.integer("checkpoint.keep", 1, 1000));
        int logEvery = r.integer("log.every", 1, Integer.MAX_VALUE);
        DeviceChoice device = DeviceChoice.parse(r.choice("device", DeviceChoice.names()));
        if (data.stride() >= data.maxLength() - 2) {
            r.fail("data.stride", "must be smaller than data.max-length - 2 = " + (data.maxLength() - 2)
                    + " (consecutive windows must advance), found " + data.stride(), null);
        }
        problems.throwIfAny();
        return new DistillationSettings(teacher, student, data, loss, train, checkpoints, logEvery, device,
                r.locations());
    }

    private static Integer optional(SettingsReader r, String path) {
        int value = r.optionalInteger(path, 1, 1 << 20, -1);
        return value < 0 ? null : value;
    }

    private static AdamWSettings adam(SettingsReader r) {
        return new AdamWSettings((float) r.number("train.adam-beta1", 0, 0.999999),
                (float) r.number("train.adam-beta2", 0, 0.999999), (float) r.number("train.adam-epsilon", 1e-30, 1),
                (float) r.number("train.weight-decay", 0, 10));
    }

    private static List<CorpusSource> corpus(Config config, SettingsReader r) {
        ConfigValue value = config.getValue("data.corpus");
        if (value.valueType() == ConfigValueType.STRING) {
            String name = r.string("data.corpus");
            if (!name.equals(EmbeddedCorpus.NAME)) {
                r.fail("data.corpus", "'" + name + "' is not an embedded corpus; use \"" + EmbeddedCorpus.NAME
                        + "\" or a list of files like [{ path = \"corpus.txt\", format = lines }]", null);
            }
            return List.of();
        }
        List<CorpusSource> files = new ArrayList<>();
        try {
            for (Config file : config.getConfigList("data.corpus")) {
                String format = file.hasPath("format") ? file.getString("format") : "lines";
                try {
                    files.add(new CorpusSource(Path.of(file.getString("path")), CorpusFormat.parse(format)));
                } catch (ConfigurationException e) {
                    r.fail("data.corpus", e.getMessage(), null);
                }
            }
        } catch (com.typesafe.config.ConfigException e) {
            r.fail("data.corpus", "must be \"" + EmbeddedCorpus.NAME + "\" or a list of { path = ..., format = ... }"
                    + " (" + e.getMessage() + ")", null);
        }
        if (files.isEmpty() && value.valueType() == ConfigValueType.LIST) {
            r.fail("data.corpus", "the corpus list is empty", null);
        }
        return files;
    }
}
