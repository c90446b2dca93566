package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;

/**
 * What the teacher contributes to a distillation step: its hidden states, attention maps and the
 * MLM logits of the labelled rows, all detached from any gradient graph (the teacher is frozen and
 * runs in evaluation mode, the project's default; spec section 4).
 *
 * @param labelledLogits (rows, V), or null when the teacher has no MLM head
 */
public record TeacherSignals(EncoderOutputs outputs, NDArray labelledLogits) {

    /** Runs {@code teacher} on the batch in evaluation mode and detaches the results. */
    public static TeacherSignals of(EncoderModel teacher, EncoderInputs inputs, LossRows rows) {
        return of(teacher, inputs, rows, ForwardContext.EVAL);
    }

    /**
     * Runs {@code teacher} with {@code context} ({@link ForwardContext#TRAIN} reproduces the reference
     * quirk of a teacher with active dropout) and detaches the results.
     */
    public static TeacherSignals of(EncoderModel teacher, EncoderInputs inputs, LossRows rows, ForwardContext context) {
        EncoderOutputs raw = teacher.encode(inputs, context);
        List<NDArray> hidden = raw.hiddenStates().stream().map(NDArray::stopGradient).toList();
        List<NDArray> attentions = raw.attentions().stream().map(NDArray::stopGradient).toList();
        NDArray logits = teacher.head() == HeadKind.MASKED_LM
                ? teacher.maskedLmLogits(rows.labelled(raw.lastHiddenState())).stopGradient() : null;
        return new TeacherSignals(new EncoderOutputs(hidden, attentions), logits);
    }
}
