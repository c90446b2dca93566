package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;

/**
 * What the teacher contributes to a distillation step: its hidden states, attention maps and the
 * MLM logits of the labelled rows, all detached from any gradient graph (the teacher is frozen and
 * runs in evaluation mode, the project's default; spec section 4). Only these outlive the teacher's
 * pass: its other arrays (projections, scores, feed-forward activations) are freed as soon as it
 * ends, not with the update, so the student's pass reuses their memory.
 *
 * @param labelledLogits (rows, V), or null when no loss term needs them (or the teacher has no MLM head)
 */
public record TeacherSignals(EncoderOutputs outputs, NDArray labelledLogits) {

    /**
     * Runs {@code teacher} on the batch in evaluation mode, keeping every attention map, and detaches
     * the results (logits when it has an MLM head).
     */
    public static TeacherSignals of(EncoderModel teacher, EncoderInputs inputs, LossRows rows) {
        return of(teacher, inputs, rows, ForwardContext.EVAL, teacher.head() == HeadKind.MASKED_LM, layer -> true);
    }

    /**
     * Runs {@code teacher} with {@code context} ({@link ForwardContext#TRAIN} reproduces the reference
     * quirk of a teacher with active dropout) and detaches the results; the vocabulary projection of
     * the labelled rows runs only when {@code logits} asks for it (a loss term needs it), and only
     * the layers {@code keepsMap} accepts keep their attention maps (the others are null).
     */
    public static TeacherSignals of(EncoderModel teacher, EncoderInputs inputs, LossRows rows, ForwardContext context,
            boolean logits, IntPredicate keepsMap) {
        NDScope pass = new NDScope();
        try {
            EncoderOutputs raw = teacher.encode(inputs, context, keepsMap);
            List<NDArray> hidden = raw.hiddenStates().stream().map(NDArray::stopGradient).toList();
            List<NDArray> attentions = raw.attentions().stream().map(map -> map == null ? null : map.stopGradient())
                    .toList();
            NDArray labelled = logits ? teacher.maskedLmLogits(rows.labelled(raw.lastHiddenState())).stopGradient()
                    : null;
            // the detached arrays share their memory with the pass's outputs, which the scope closes; they
            // then belong to the batch's manager only (not to any scope around this call)
            hidden.forEach(NDScope::unregister);
            attentions.stream().filter(Objects::nonNull).forEach(NDScope::unregister);
            if (labelled != null) {
                NDScope.unregister(labelled);
            }
            return new TeacherSignals(new EncoderOutputs(hidden, attentions), labelled);
        } finally {
            pass.close();
        }
    }
}
