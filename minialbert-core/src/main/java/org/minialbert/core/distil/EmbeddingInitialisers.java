package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.plugin.EmbeddingInitialiserProvider;
import org.minialbert.api.plugin.EmbeddingTables;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.ModelCheckpoint;

/**
 * The student embedding initialisers (spec section 5 and the paper's ablations): {@code random}
 * (normal, std 0.02, as built), {@code from-teacher}, {@code teacher-low-rank} and
 * {@code from-checkpoint} (the reference copied the tables of a small pretrained 312-wide model).
 */
final class EmbeddingInitialisers {
    private EmbeddingInitialisers() {
    }

    /** Gives {@code target} a copy of {@code value}, owned by the target's manager. */
    static void assign(Weight target, NDArray value) {
        NDArray copy = value.toType(DataType.FLOAT32, true);
        copy.attach(target.value().getManager());
        target.assign(copy);
    }

    /** {@code random}: keeps the initialisation the student was built with. */
    public static final class Random implements EmbeddingInitialiserProvider {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public String description() {
            return "keep the random initialisation (normal, std 0.02; LayerNorm 1/0)";
        }

        @Override
        public void initialise(Config settings, EmbeddingTables student, EmbeddingTables teacher) {
        }
    }

    /** {@code from-teacher}: copies the teacher's word, position and type tables and their LayerNorm (E = H). */
    public static final class FromTeacher implements EmbeddingInitialiserProvider {
        @Override
        public String name() {
            return "from-teacher";
        }

        @Override
        public String description() {
            return "copy the teacher's embedding tables and LayerNorm (needs E = the teacher's H)";
        }

        @Override
        public void initialise(Config settings, EmbeddingTables student, EmbeddingTables teacher) {
            if (!student.word().shape().equals(teacher.word().shape())) {
                throw new ConfigurationException("student.init = from-teacher copies the teacher's embeddings and needs "
                        + "student.embedding-size = the teacher's hidden size " + teacher.word().shape().get(1)
                        + ", found " + student.word().shape().get(1) + "; use teacher-low-rank for E < H");
            }
            assign(student.word(), teacher.word().value());
            assign(student.position(), teacher.position().value());
            assign(student.tokenType(), teacher.tokenType().value());
            assign(student.layerNormWeight(), teacher.layerNormWeight().value());
            assign(student.layerNormBias(), teacher.layerNormBias().value());
        }
    }

    /**
     * {@code teacher-low-rank}: the best rank-E approximation {@code W ≈ A B} of the teacher's word
     * embeddings (Eckart–Young, from the top eigenvectors of WᵀW): A (V × E) becomes the student's
     * word table and Bᵀ its projection.
     */
    public static final class TeacherLowRank implements EmbeddingInitialiserProvider {
        @Override
        public String name() {
            return "teacher-low-rank";
        }

        @Override
        public String description() {
            return "best rank-E approximation of the teacher's word embeddings as table + projection (E < H)";
        }

        @Override
        public void initialise(Config settings, EmbeddingTables student, EmbeddingTables teacher) {
            int rank = (int) student.word().shape().get(1);
            int hidden = (int) teacher.word().shape().get(1);
            if (student.projectorWeight() == null || rank >= hidden
                    || student.projectorWeight().shape().get(0) != hidden) {
                throw new ConfigurationException("student.init = teacher-low-rank needs a factorised student with E < H "
                        + "and the teacher's hidden size " + hidden + "; found E = " + rank);
            }
            try (NDManager scope = student.word().value().getManager().newSubManager()) {
                NDArray w = teacher.word().value().duplicate();
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
                assign(student.word(), w.matMul(b.transpose()));
                assign(student.projectorWeight(), b.transpose());
                assign(student.projectorBias(), scope.zeros(new Shape(hidden)));
            }
        }
    }

    /**
     * {@code from-checkpoint}: copies the embedding tables (and the projection, when present and of
     * the same shape) from a model directory, e.g. a small pretrained model whose width equals E.
     */
    public static final class FromCheckpoint implements EmbeddingInitialiserProvider {
        @Override
        public String name() {
            return "from-checkpoint";
        }

        @Override
        public String description() {
            return "copy the embedding tables of a model directory (path) whose embedding width equals E";
        }

        @Override
        public void initialise(Config settings, EmbeddingTables student, EmbeddingTables teacher) {
            String path = settings.getString("path");
            if (path.isBlank()) {
                throw new ConfigurationException("from-checkpoint.path is empty; name a model directory with "
                        + "config.json and model.safetensors");
            }
            Path file = Path.of(path).resolve(ModelCheckpoint.WEIGHTS);
            Map<String, TensorData> tensors = Safetensors.read(file);
            copy(tensors, "embeddings.word_embeddings.weight", student.word(), file);
            copy(tensors, "embeddings.position_embeddings.weight", student.position(), file);
            copy(tensors, "embeddings.token_type_embeddings.weight", student.tokenType(), file);
            copy(tensors, "embeddings.LayerNorm.weight", student.layerNormWeight(), file);
            copy(tensors, "embeddings.LayerNorm.bias", student.layerNormBias(), file);
        }

        private static void copy(Map<String, TensorData> tensors, String suffix, Weight target, Path file) {
            Optional<Map.Entry<String, TensorData>> found = tensors.entrySet().stream()
                    .filter(e -> e.getKey().endsWith(suffix)).findFirst();
            TensorData tensor = found.orElseThrow(() -> new CheckpointException(file + " has no tensor ending in '"
                    + suffix + "'")).getValue();
            if (!tensor.shape().equals(target.shape())) {
                throw new CheckpointException(file + ": tensor '" + found.get().getKey() + "' has shape " + tensor.shape()
                        + " but the student's " + target.name() + " is " + target.shape()
                        + "; use a checkpoint whose embedding width equals student.embedding-size");
            }
            try (NDManager scope = target.value().getManager().newSubManager()) {
                assign(target, tensor.toNDArray(scope));
            }
        }
    }
}
