package org.minialbert.core.distil;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.plugin.EmbeddingInitialiserProvider;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.config.Locations;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.plugin.PluginRegistry;

/**
 * Builds the student of a distillation job: loaded from {@code student.checkpoint}, or a new
 * MiniALBERT with an MLM head whose widths default to the teacher's, its embeddings set by the
 * job's initialiser plugin ({@code student.init}: random, from-teacher, teacher-low-rank,
 * from-checkpoint).
 */
final class StudentFactory {
    private StudentFactory() {
    }

    /**
     * @param locations where the job set its values, so that an initialiser's error names the job line
     */
    static EncoderModel create(DistillationSettings.Student s, EncoderModel teacher, ModelFactory factory,
            NDManager manager, Locations locations) {
        if (s.checkpoint() != null) {
            return ModelCheckpoint.load(Path.of(s.checkpoint()), HeadKind.MASKED_LM, factory, manager);
        }
        EncoderConfig config = config(s, teacher.config());
        EncoderModel student = factory.create(config, HeadKind.MASKED_LM, 0, manager);
        try {
            PluginRegistry<EmbeddingInitialiserProvider> initialisers = factory.catalog().initialiser();
            locations.at("student.init", () -> initialisers.get(s.init().type()).initialise(
                    initialisers.settings(s.init().type(), s.init().config()), student.embeddingTables(),
                    teacher.embeddingTables()));
            return student;
        } catch (RuntimeException e) {
            student.close();
            throw e;
        }
    }

    /** The architecture of a new student: the job's settings, with the teacher's widths where none are given. */
    static EncoderConfig config(DistillationSettings.Student s, EncoderConfig t) {
        EncoderConfig config = new EncoderConfig(EncoderConfig.ALBERT, t.vocabSize(),
                s.hiddenSize() != null ? s.hiddenSize() : t.hiddenSize(), s.embeddingSize(), s.iterations(),
                s.attentionHeads() != null ? s.attentionHeads() : t.attentionHeads(),
                s.intermediateSize() != null ? s.intermediateSize() : t.intermediateSize(), t.maxPositions(),
                t.typeVocabSize(), 1e-12f, t.activation(), s.dropout(), s.dropout(), 0.1f, 0.02f, s.sharing(),
                s.adaptation(), List.of());
        if (config.hiddenSize() % config.attentionHeads() != 0) {
            throw new ConfigurationException("student.hidden-size " + config.hiddenSize() + " is not a multiple of "
                    + "student.attention-heads " + config.attentionHeads());
        }
        return config;
    }
}
