package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import java.util.function.IntPredicate;
import org.minialbert.api.plugin.DistillationBatch;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;

/**
 * The {@link DistillationBatch} loss terms read: student outputs (with their gradient graph), the
 * detached teacher signals, the selected rows and the mapping. The student's vocabulary projection
 * runs once, on the labelled rows only, when a term first asks for it.
 */
final class BatchSignals implements DistillationBatch {
    private final EncoderModel student;
    private final EncoderOutputs studentOutputs;
    private final TeacherSignals teacher;
    private final LossRows rows;
    private final LayerMapping mapping;
    private NDArray studentLogits;
    // what the term being computed declared; everything until DistillationLoss says which term that is
    private LossTerm currentTerm;
    private IntPredicate declaredMaps = layer -> true;
    private boolean logitsDeclared = true;

    BatchSignals(EncoderModel student, EncoderOutputs studentOutputs, TeacherSignals teacher, LossRows rows,
            LayerMapping mapping) {
        this.student = student;
        this.studentOutputs = studentOutputs;
        this.teacher = teacher;
        this.rows = rows;
        this.mapping = mapping;
    }

    @Override
    public NDArray studentHidden(int index) {
        return studentOutputs.hiddenStates().get(index);
    }

    @Override
    public NDArray teacherHidden(int index) {
        return teacher.outputs().hiddenStates().get(index);
    }

    @Override
    public NDArray studentAttention(int iteration) {
        return studentOutputs.attentions().get(iteration);
    }

    /**
     * Lets {@code term}, computed next, read what it declared: the teacher's attention maps of the
     * layers {@code declaredMaps} accepts, and the teacher's logits if it said it needs them.
     */
    void readBy(LossTerm term, IntPredicate declaredMaps) {
        this.currentTerm = term;
        this.declaredMaps = declaredMaps;
        this.logitsDeclared = term.needsTeacherLogits();
    }

    @Override
    public NDArray teacherAttention(int layer) {
        if (!declaredMaps.test(layer)) {
            throw new IllegalStateException(termName() + " reads the teacher's attention map of layer " + layer
                    + " without declaring it (its teacherMaps() is " + currentTerm.teacherMaps() + "): return MAPPED "
                    + "for the mapped layers g(i) or ALL for any layer");
        }
        NDArray map = teacher.outputs().attentions().get(layer);
        if (map == null) {
            throw new IllegalStateException("the teacher's pass did not keep the attention map of layer " + layer
                    + ", which " + termName() + " reads: run it with DistillationLoss.teacherMapsKept()");
        }
        return map;
    }

    @Override
    public int teacherLayer(int pair) {
        return mapping.teacherLayer(pair);
    }

    @Override
    public NDArray tokenRows(NDArray batchMajor) {
        return rows.tokens(batchMajor);
    }

    @Override
    public NDArray tokenMask() {
        return rows.tokenMask();
    }

    @Override
    public NDArray studentLogits() {
        if (studentLogits == null) {
            studentLogits = student.maskedLmLogits(rows.labelled(studentOutputs.lastHiddenState()));
        }
        return studentLogits;
    }

    @Override
    public NDArray teacherLogits() {
        if (!logitsDeclared) {
            throw new IllegalStateException(termName() + " reads the teacher's logits without declaring it: "
                    + "LossTerm.needsTeacherLogits() must return true");
        }
        return teacher.labelledLogits();
    }

    private String termName() {
        return currentTerm == null ? "a loss term" : "loss term '" + currentTerm.key() + "'";
    }

    @Override
    public NDArray labels() {
        return rows.labels();
    }
}
