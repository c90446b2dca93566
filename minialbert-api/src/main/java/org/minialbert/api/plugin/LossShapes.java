package org.minialbert.api.plugin;

/** The widths a loss term may need to size a learned projection or to refuse a pairing it cannot compare. */
public record LossShapes(int studentHidden, int teacherHidden, int studentHeads, int teacherHeads) {
}
