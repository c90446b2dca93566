/**
 * The nine GLUE tasks as {@link org.minialbert.api.task.SentenceTaskProvider} plugins ({@code cola},
 * {@code sst2}, {@code mrpc}, {@code stsb}, {@code qqp}, {@code mnli}, {@code qnli}, {@code rte},
 * {@code wnli}). Each task is one {@code GlueTaskSpec} row in {@code GlueTasks}: the folder of the
 * standard {@code glue_data} layout ({@code <dataRoot>/<Folder>/<split>.tsv}), the columns holding
 * the text(s) and the label, the label names in the HuggingFace {@code glue} dataset's index order,
 * and the metrics of the HuggingFace {@code glue} metric. One reader parses every task's TAB-separated
 * files (TAB only, no quote handling, BOM and CR LF tolerant) and reports a malformed row as
 * {@code file:line: problem; expectation}; {@link org.minialbert.tasks.glue.GlueMetrics} computes the
 * metrics in double precision.
 */
package org.minialbert.tasks.glue;
