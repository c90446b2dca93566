package org.minialbert.core.distil;

import static org.minialbert.core.distil.DistillationLosses.perPair;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;

/**
 * The MiniALBERT distillation objective (spec section 4):
 * {@code L = α·MLM + β·Σ_i λ_i (L_att_i + L_hid_i) + γ·L_out}, plus {@code β·L_emb} when the
 * embedding ablation is on. The student's MLM logits are computed only for the labelled rows.
 * The embedding term is always reported; it enters the total only when enabled.
 */
public final class DistillationLoss {
    private final LayerMapping mapping;
    private final LossWeights weights;

    public DistillationLoss(LayerMapping mapping, LossWeights weights) {
        this.mapping = mapping;
        this.weights = weights;
    }

    /** The reference objective for these two models, checked with {@link #check}. */
    public static DistillationLoss reference(EncoderModel student, EncoderModel teacher) {
        DistillationLoss loss = new DistillationLoss(LayerMapping.reference(student.config().layers()),
                LossWeights.REFERENCE);
        loss.check(student, teacher);
        return loss;
    }

    public LayerMapping mapping() {
        return mapping;
    }

    public LossWeights weights() {
        return weights;
    }

    /**
     * Checks that the two models can be distilled with this objective: the layer mapping fits, the
     * hidden widths agree, the student has an MLM head and the teacher has one for output-kl.
     *
     * @throws ConfigurationException naming the problem
     */
    public void check(EncoderModel student, EncoderModel teacher) {
        mapping.validate(student.config().layers(), teacher.config().layers());
        if (student.config().hiddenSize() != teacher.config().hiddenSize()) {
            throw new ConfigurationException("the hidden-state loss needs equal widths: student H = "
                    + student.config().hiddenSize() + ", teacher H = " + teacher.config().hiddenSize());
        }
        if (student.head() != HeadKind.MASKED_LM) {
            throw new ConfigurationException("the student needs a masked-LM head for distillation, found " + student.head());
        }
        if (weights.uses(LossTerm.OUTPUT_KL) && teacher.head() != HeadKind.MASKED_LM) {
            throw new ConfigurationException("the teacher has no masked-LM head, so it cannot provide the output-kl "
                    + "(soft MLM) loss; drop output-kl from loss.terms, or use a teacher checkpoint with its MLM head "
                    + "(e.g. an HF BertForMaskedLM directory)");
        }
    }

    /**
     * Every term for one batch.
     *
     * @param studentOutputs the student's encoder outputs (computed with the gradient graph)
     */
    public DistillationLosses compute(EncoderModel student, EncoderOutputs studentOutputs, TeacherSignals teacher,
            LossRows rows) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        NDArray studentLogits = student.maskedLmLogits(rows.labelled(studentOutputs.lastHiddenState()));
        NDArray mlm = MaskedLmLoss.compute(studentLogits, rows.labels());
        terms.put(DistillationLosses.MLM, mlm);
        NDArray total = weights.uses(LossTerm.MLM) ? mlm.mul((float) weights.alpha()) : null;
        NDArray align = alignment(studentOutputs, teacher.outputs(), rows, terms);
        NDArray embedding = HiddenCosineLoss.compute(studentOutputs.hiddenStates().get(0),
                teacher.outputs().hiddenStates().get(0), rows);
        terms.put(DistillationLosses.EMBEDDING, embedding);
        if (weights.uses(LossTerm.EMBEDDING_COSINE)) {
            align = sum(align, embedding);
        }
        if (align != null) {
            total = sum(total, align.mul((float) weights.beta()));
        }
        if (weights.uses(LossTerm.OUTPUT_KL)) {
            if (teacher.labelledLogits() == null) {
                throw new ConfigurationException("the teacher has no masked-LM head, so it cannot provide the "
                        + "output-kl loss; drop output-kl from loss.terms");
            }
            NDArray output = OutputKlLoss.compute(studentLogits, teacher.labelledLogits(), (float) weights.temperature());
            terms.put(DistillationLosses.OUTPUT, output);
            total = sum(total, output.mul((float) weights.gamma()));
        }
        terms.put(DistillationLosses.TOTAL, total);
        return new DistillationLosses(terms);
    }

    /** {@code Σ_i λ_i (L_att_i + L_hid_i)} over the enabled alignment terms, recording each one; null if none. */
    private NDArray alignment(EncoderOutputs s, EncoderOutputs t, LossRows rows, Map<String, NDArray> terms) {
        boolean useAttention = weights.uses(LossTerm.ATTENTION_KL);
        boolean useHidden = weights.uses(LossTerm.HIDDEN_COSINE);
        NDArray attention = null;
        NDArray hidden = null;
        NDArray align = null;
        for (int i = 0; i < mapping.size(); i++) {
            int g = mapping.teacherLayer(i);
            NDArray pair = null;
            if (useAttention) {
                NDArray att = AttentionKlLoss.compute(s.attentions().get(i), t.attentions().get(g), rows);
                terms.put(perPair(DistillationLosses.ATTENTION, i), att);
                attention = sum(attention, att);
                pair = att;
            }
            if (useHidden) {
                NDArray hid = HiddenCosineLoss.compute(s.hiddenStates().get(1 + i), t.hiddenStates().get(1 + g), rows);
                terms.put(perPair(DistillationLosses.HIDDEN, i), hid);
                hidden = sum(hidden, hid);
                pair = sum(pair, hid);
            }
            if (pair != null) {
                align = sum(align, pair.mul((float) weights.lambda(i)));
            }
        }
        if (attention != null) {
            terms.put(DistillationLosses.ATTENTION, attention);
        }
        if (hidden != null) {
            terms.put(DistillationLosses.HIDDEN, hidden);
        }
        return align;
    }

    private static NDArray sum(NDArray a, NDArray b) {
        return a == null ? b : a.add(b);
    }
}
