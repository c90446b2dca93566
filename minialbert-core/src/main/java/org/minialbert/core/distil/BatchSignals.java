package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import org.minialbert.api.plugin.DistillationBatch;
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

    @Override
    public NDArray teacherAttention(int layer) {
        NDArray map = teacher.outputs().attentions().get(layer);
        if (map == null) {
            throw new IllegalStateException("the teacher's pass did not keep the attention map of layer " + layer
                    + ": a loss term that reads it must say so in LossTerm.teacherMaps() (MAPPED for the mapped "
                    + "layers g(i), ALL for any)");
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
        return teacher.labelledLogits();
    }

    @Override
    public NDArray labels() {
        return rows.labels();
    }
}
