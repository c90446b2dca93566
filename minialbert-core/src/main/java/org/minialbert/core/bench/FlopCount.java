package org.minialbert.core.bench;

import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;

/**
 * Floating-point operations of the model's matrix products, counting a multiply-add as 2 FLOPs
 * (element-wise work, softmax and LayerNorm are not counted). For one token of a sequence of T
 * attended tokens, the encoder's forward pass costs
 * <pre>
 *   2·E·H                         (factorised embedding projection, when E &lt; H)
 * + N · (8·H² + 4·H·I + 4·T·H)    (Q, K, V, output; feed-forward; scores and weighted values)
 * + 2·A                           (A = adaptation matrix parameters, each used once per token)
 * </pre>
 * whatever the sharing scheme (every iteration applies one attention and one feed-forward block).
 * The masked-LM head costs {@code 2·(H² + V·H)} per projected row, a sequence classifier
 * {@code 2·H·C} per sequence. Backward costs twice the forward of what it differentiates, so a
 * training step costs three forward passes of the trained model.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** Forward FLOPs of the encoder for one token of a sequence of {@code length} tokens. */
    public static double encoderPerToken(EncoderModel model, int length) {
        EncoderConfig c = model.config();
        double h = c.hiddenSize();
        double projection = c.embeddingSize() < c.hiddenSize() ? 2.0 * c.embeddingSize() * h : 0;
        double layer = 8 * h * h + 4 * h * c.intermediateSize() + 4.0 * length * h;
        return projection + c.layers() * layer + 2.0 * adaptationMatrixParameters(model);
    }

    /** Forward FLOPs of the encoder on {@code rows} full sequences of {@code length} tokens. */
    public static double encoder(EncoderModel model, int rows, int length) {
        return encoderPerToken(model, length) * rows * length;
    }

    /** Forward FLOPs of the masked-LM head on {@code rows} projected rows. */
    public static double maskedLmHead(EncoderModel model, long rows) {
        double h = model.config().hiddenSize();
        return 2 * (h * h + model.config().vocabSize() * h) * rows;
    }

    /** Forward FLOPs of a sequence classifier with {@code labels} outputs on {@code rows} sequences. */
    public static double sequenceHead(EncoderModel model, int rows, int labels) {
        return 2.0 * model.config().hiddenSize() * labels * rows;
    }

    /** Parameters of the adaptation's matrices (two or more axes); vectors do no matrix work. */
    static long adaptationMatrixParameters(EncoderModel model) {
        return model.weights().all().stream()
                .filter(w -> w.group() == WeightGroup.ADAPTATION && w.shape().dimension() >= 2)
                .mapToLong(Weight::size).sum();
    }
}
