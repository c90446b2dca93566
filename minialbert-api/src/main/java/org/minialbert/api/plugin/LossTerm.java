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
     * Which teacher attention maps the term reads: {@link TeacherMaps#ALL} unless it says less (never
     * null). Reading a map the term did not declare throws ({@link DistillationBatch#teacherAttention}),
     * whatever the other terms declare, and so does reading the teacher's logits without
     * {@link #needsTeacherLogits()}.
     */
    default TeacherMaps teacherMaps() {
        return TeacherMaps.ALL;
    }

    /**
     * The term's scalar value.
     *
     * @param pair the mapped pair (student iteration) for {@link LossRole#ALIGNMENT} terms, else 0
     */
    NDArray compute(DistillationBatch batch, int pair);
}
