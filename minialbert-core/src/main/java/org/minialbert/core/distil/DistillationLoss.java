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
     * hidden widths agree, the student has an MLM head and the teacher has one when γ ≠ 0.
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
        if (weights.gamma() != 0 && teacher.head() != HeadKind.MASKED_LM) {
            throw new ConfigurationException("the teacher checkpoint has no masked-LM head, so it cannot provide the "
                    + "output (soft MLM) loss; use a teacher with its MLM head or set the output weight gamma to 0");
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
        EncoderOutputs t = teacher.outputs();
        NDArray attention = null;
        NDArray hidden = null;
        NDArray align = null;
        for (int i = 0; i < mapping.size(); i++) {
            int g = mapping.teacherLayer(i);
            NDArray att = AttentionKlLoss.compute(studentOutputs.attentions().get(i), t.attentions().get(g), rows);
            NDArray hid = HiddenCosineLoss.compute(studentOutputs.hiddenStates().get(1 + i),
                    t.hiddenStates().get(1 + g), rows);
            terms.put(perPair(DistillationLosses.ATTENTION, i), att);
            terms.put(perPair(DistillationLosses.HIDDEN, i), hid);
            attention = attention == null ? att : attention.add(att);
            hidden = hidden == null ? hid : hidden.add(hid);
            NDArray pair = att.add(hid).mul((float) weights.lambda(i));
            align = align == null ? pair : align.add(pair);
        }
        NDArray embedding = HiddenCosineLoss.compute(studentOutputs.hiddenStates().get(0), t.hiddenStates().get(0), rows);
        if (weights.embedding()) {
            align = align == null ? embedding : align.add(embedding);
        }
        NDArray total = mlm.mul((float) weights.alpha());
        if (align != null) {
            terms.put(DistillationLosses.ATTENTION, attention);
            terms.put(DistillationLosses.HIDDEN, hidden);
            total = total.add(align.mul((float) weights.beta()));
        }
        if (teacher.labelledLogits() != null) {
            NDArray output = OutputKlLoss.compute(studentLogits, teacher.labelledLogits(), (float) weights.temperature());
            terms.put(DistillationLosses.OUTPUT, output);
            total = total.add(output.mul((float) weights.gamma()));
        } else if (weights.gamma() != 0) {
            throw new ConfigurationException("the teacher has no masked-LM head, so it cannot provide the output "
                    + "(soft MLM) loss; set the output weight gamma to 0");
        }
        terms.put(DistillationLosses.EMBEDDING, embedding);
        terms.put(DistillationLosses.TOTAL, total);
        return new DistillationLosses(terms);
    }
}
