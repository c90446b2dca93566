package org.minialbert.api.plugin;

/**
 * Which of the teacher's attention maps a loss term reads through
 * {@link DistillationBatch#teacherAttention}. The teacher keeps the maps of the layers some term
 * reads; its other layers run without keeping theirs (attention as one fused operator where dropout
 * allows it), which is faster and uses less memory, most at long sequences.
 */
public enum TeacherMaps {
    /** The term reads no teacher attention map. */
    NONE,
    /** Only the maps of the mapped layers, {@link DistillationBatch#teacherLayer g(pair)}. */
    MAPPED,
    /** Any layer's map: always right, and what a term that says nothing gets. */
    ALL
}
