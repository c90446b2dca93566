package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingProjection;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.ParameterSharing;

/**
 * A post-LayerNorm transformer encoder whose N iterations draw their attention and feed-forward
 * blocks from a {@link ParameterSharing} scheme. With one block per layer and no adaptation it is a
 * BERT teacher (spec section 1); with one shared block applied N times, per-iteration adapters and a
 * factorised embedding it is the MiniALBERT student (section 2), iteration i computing
 * {@code x = AttAd_i(o_i); (y, P_i) = attention(x); y = MlpAd_i(y); o_{i+1} = mlp(y)}.
 */
public final class TransformerEncoder {
    private final EmbeddingBlock embeddings;
    private final List<AttentionBlock> attentionBlocks = new ArrayList<>();
    private final List<FeedForwardBlock> feedForwardBlocks = new ArrayList<>();
    private final ParameterSharing sharing;
    private final LayerAdaptation adaptation;

    TransformerEncoder(Weights weights, EncoderLayout layout, EncoderConfig config, ParameterSharing sharing,
            LayerAdaptation adaptation, EmbeddingProjection projection) {
        this.embeddings = new EmbeddingBlock(weights, layout, config, projection);
        this.sharing = sharing;
        this.adaptation = adaptation;
        int blocks = Math.max(sharing.attentionBlocks(), sharing.feedForwardBlocks());
        for (int b = 0; b < blocks; b++) {
            if (b < sharing.attentionBlocks()) {
                attentionBlocks.add(new AttentionBlock(weights, layout, b, config));
            }
            if (b < sharing.feedForwardBlocks()) {
                feedForwardBlocks.add(new FeedForwardBlock(weights, layout, b, config));
            }
        }
    }

    /** The word embedding table (the teacher's MLM decoder is tied to it). */
    public Weight wordEmbeddings() {
        return embeddings.wordEmbeddings();
    }

    public int iterations() {
        return sharing.iterations();
    }

    public EncoderOutputs forward(EncoderInputs inputs, ForwardContext context, AttentionMaps maps) {
        EncoderOutputs outputs = forward(inputs, context, i -> maps == AttentionMaps.KEEP);
        return maps == AttentionMaps.KEEP ? outputs : new EncoderOutputs(outputs.hiddenStates(), List.of());
    }

    /**
     * The pass keeping the attention maps of the iterations {@code keepsMap} accepts (0-based); the
     * outputs' attentions have one entry per iteration, null where the map was not kept.
     */
    public EncoderOutputs forward(EncoderInputs inputs, ForwardContext context, IntPredicate keepsMap) {
        NDArray maskBias = inputs.attentionBias();
        NDArray state = embeddings.forward(inputs, context);
        List<NDArray> hiddenStates = new ArrayList<>(List.of(state));
        List<NDArray> attentions = new ArrayList<>();
        for (int i = 0; i < sharing.iterations(); i++) {
            NDArray x = adaptation.beforeAttention(i, state, context);
            AttentionMaps maps = keepsMap.test(i) ? AttentionMaps.KEEP : AttentionMaps.SKIP;
            AttentionBlock.Result attention = attentionBlocks.get(sharing.attentionBlockFor(i))
                    .forward(x, maskBias, i, adaptation, context, maps);
            NDArray y = adaptation.beforeFeedForward(i, attention.output(), context);
            state = feedForwardBlocks.get(sharing.feedForwardBlockFor(i)).forward(y, i, adaptation, context);
            hiddenStates.add(state);
            attentions.add(attention.probabilities());
        }
        return new EncoderOutputs(hiddenStates, Collections.unmodifiableList(attentions));
    }
}
