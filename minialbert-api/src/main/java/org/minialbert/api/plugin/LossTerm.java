package org.minialbert.api.plugin;

import ai.djl.ndarray.NDArray;

/** One named scalar of the distillation objective, computed from a {@link DistillationBatch}. */
public interface LossTerm {

    /** Report name: the value appears as {@code loss.<key>}, and per pair as {@code loss.<key>.<i>}. */
    String key();

    LossRole role();

    /** Whether the term needs the teacher's MLM logits (a teacher with an MLM head). */
    default boolean needsTeacherLogits() {
        return false;
    }

    /**
     * The term's scalar value.
     *
     * @param pair the mapped pair (student iteration) for {@link LossRole#ALIGNMENT} terms, else 0
     */
    NDArray compute(DistillationBatch batch, int pair);
}
