package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.model.ModelFactory;

/**
 * Builds the student of a distillation job: loaded from {@code student.checkpoint}, or a new
 * MiniALBERT with an MLM head whose widths default to the teacher's, initialised randomly, with the
 * teacher's embeddings ({@code from-teacher}, E = H), or with the best rank-E approximation of the
 * teacher's word embeddings split into an E-wide table and the E -> H projection
 * ({@code teacher-low-rank}, E < H).
 */
final class StudentFactory {
    private StudentFactory() {
    }

    static EncoderModel create(DistillationSettings.Student s, EncoderModel teacher, ModelFactory factory,
            NDManager manager) {
        if (s.checkpoint() != null) {
            return ModelCheckpoint.load(Path.of(s.checkpoint()), HeadKind.MASKED_LM, factory, manager);
        }
        EncoderConfig config = config(s, teacher.config());
        EncoderModel student = factory.create(config, HeadKind.MASKED_LM, 0, manager);
        try {
            switch (s.init()) {
                case "from-teacher": copyEmbeddings(student, teacher); break;
                case "teacher-low-rank": lowRankEmbeddings(student, teacher); break;
                default: break;
            }
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

    private static void copyEmbeddings(EncoderModel student, EncoderModel teacher) {
        if (student.config().embeddingSize() != teacher.config().hiddenSize()) {
            throw new ConfigurationException("student.init = from-teacher copies the teacher's embeddings and needs "
                    + "student.embedding-size = the teacher's hidden size " + teacher.config().hiddenSize() + ", found "
                    + student.config().embeddingSize() + "; use teacher-low-rank for E < H");
        }
        String from = teacher.layout().embeddings();
        String to = student.layout().embeddings();
        for (String table : List.of("word_embeddings.weight", "position_embeddings.weight",
                "token_type_embeddings.weight", "LayerNorm.weight", "LayerNorm.bias")) {
            Weight source = teacher.weights().get(from + table);
            Weight target = student.weights().get(to + table);
            target.assign(source.value().duplicate().toDevice(target.value().getDevice(), false));
            target.value().attach(student.weights().manager());
        }
    }

    private static void lowRankEmbeddings(EncoderModel student, EncoderModel teacher) {
        int rank = student.config().embeddingSize();
        int hidden = teacher.config().hiddenSize();
        if (rank >= hidden || student.config().hiddenSize() != hidden) {
            throw new ConfigurationException("student.init = teacher-low-rank needs E < H and the teacher's hidden "
                    + "size; found E = " + rank + ", student H = " + student.config().hiddenSize() + ", teacher H = "
                    + hidden);
        }
        NDManager manager = student.weights().manager();
        Weight word = teacher.weights().get(teacher.layout().embeddings() + "word_embeddings.weight");
        try (NDManager scope = manager.newSubManager()) {
            NDArray w = word.value().duplicate();
            w.attach(scope);
            float[] gram = w.transpose().matMul(w).toFloatArray();
            double[][] c = new double[hidden][hidden];
            for (int i = 0; i < hidden; i++) {
                for (int j = 0; j < hidden; j++) {
                    c[i][j] = gram[i * hidden + j];
                }
            }
            double[][] basis = SymmetricEigen.of(c).leading(rank);
            float[] flat = new float[rank * hidden];
            for (int r = 0; r < rank; r++) {
                for (int k = 0; k < hidden; k++) {
                    flat[r * hidden + k] = (float) basis[r][k];
                }
            }
            NDArray b = scope.create(flat, new Shape(rank, hidden));
            NDArray table = w.matMul(b.transpose());
            assign(student, student.layout().embeddings() + "word_embeddings.weight", table);
            assign(student, student.layout().encoderScope() + "projector.weight", b.transpose());
            assign(student, student.layout().encoderScope() + "projector.bias", scope.zeros(new Shape(hidden)));
        }
    }

    private static void assign(EncoderModel student, String name, NDArray value) {
        Weight weight = student.weights().get(name);
        NDArray copy = value.toType(DataType.FLOAT32, true);
        copy.attach(student.weights().manager());
        weight.assign(copy);
    }
}
