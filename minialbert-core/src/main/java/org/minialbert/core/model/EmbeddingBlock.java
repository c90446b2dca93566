package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.LayerNormLayer;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingProjection;

/**
 * Token embeddings of width E: {@code LN(word[id] + position[t] + type[tt])}, dropout, then the
 * projection to H chosen by the embedding factorisation (identity for full rank). Inputs are checked
 * against the tables first, so an id out of range is a clear error rather than a native crash.
 */
final class EmbeddingBlock {
    private final Weight word;
    private final Weight position;
    private final Weight tokenType;
    private final LayerNormLayer layerNorm;
    private final EmbeddingProjection projection;
    private final float dropout;

    EmbeddingBlock(Weights weights, EncoderLayout layout, EncoderConfig config, EmbeddingProjection projection) {
        String prefix = layout.embeddings();
        int width = config.embeddingSize();
        this.word = weights.normal(prefix + "word_embeddings.weight", WeightGroup.EMBEDDINGS,
                new Shape(config.vocabSize(), width));
        this.position = weights.normal(prefix + "position_embeddings.weight", WeightGroup.EMBEDDINGS,
                new Shape(config.maxPositions(), width));
        this.tokenType = weights.normal(prefix + "token_type_embeddings.weight", WeightGroup.EMBEDDINGS,
                new Shape(config.typeVocabSize(), width));
        this.layerNorm = weights.layerNorm(prefix + "LayerNorm", WeightGroup.EMBEDDINGS, width, config.layerNormEps());
        this.projection = projection;
        this.dropout = config.hiddenDropout();
    }

    Weight wordEmbeddings() {
        return word;
    }

    NDArray forward(EncoderInputs inputs, ForwardContext context) {
        check(inputs);
        NDArray positions = inputs.inputIds().getManager().arange(0, inputs.sequenceLength(), 1, DataType.INT64);
        NDArray summed = lookup(inputs.inputIds(), word)
                .add(lookup(inputs.tokenTypeIds(), tokenType))
                .add(lookup(positions, position));
        return projection.project(context.dropout(layerNorm.apply(summed), dropout));
    }

    private static NDArray lookup(NDArray ids, Weight table) {
        return Embedding.embedding(ids, table.value(), SparseFormat.DENSE).singletonOrThrow();
    }

    private void check(EncoderInputs inputs) {
        if (inputs.sequenceLength() > position.shape().get(0)) {
            throw new DataFormatException("sequence of " + inputs.sequenceLength() + " tokens is longer than the "
                    + "position table (" + position.shape().get(0) + " positions); truncate the input "
                    + "(e.g. --max-length " + position.shape().get(0) + ")");
        }
        checkRange(inputs.inputIds(), word, "token id", "the tokenizer does not match the model's vocabulary");
        checkRange(inputs.tokenTypeIds(), tokenType, "token type id", "use token types below the model's type "
                + "vocabulary size");
    }

    private static void checkRange(NDArray ids, Weight table, String what, String hint) {
        long size = table.shape().get(0);
        long max = ids.max().toType(DataType.INT64, false).getLong();
        long min = ids.min().toType(DataType.INT64, false).getLong();
        if (min < 0 || max >= size) {
            throw new DataFormatException(what + " " + (min < 0 ? min : max) + " is out of range [0, " + size
                    + "); " + hint);
        }
    }
}
