package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.function.BiFunction;
import org.minialbert.api.plugin.DistillationBatch;
import org.minialbert.api.plugin.LossRole;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.api.plugin.TeacherMaps;

/**
 * A loss term given by its report key, role, the teacher outputs it reads (logits, which attention
 * maps) and formula (batch, pair) -> scalar.
 */
record NamedLossTerm(String key, LossRole role, boolean needsTeacherLogits, TeacherMaps teacherMaps,
        BiFunction<DistillationBatch, Integer, NDArray> formula) implements LossTerm {

    NamedLossTerm {
        Objects.requireNonNull(teacherMaps, "teacherMaps");
    }

    @Override
    public NDArray compute(DistillationBatch batch, int pair) {
        return formula.apply(batch, pair);
    }
}
