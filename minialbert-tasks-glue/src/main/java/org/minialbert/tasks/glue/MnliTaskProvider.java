package org.minialbert.tasks.glue;

/**
 * {@code mnli}: GLUE MNLI, three-way entailment (metric accuracy).
 * Files: {@code <dataRoot>/MNLI/{train,dev_matched,dev_mismatched}.tsv}.
 */
public final class MnliTaskProvider extends GlueTaskProvider {

    public MnliTaskProvider() {
        super(GlueTasks.MNLI);
    }
}
