package org.minialbert.tasks.glue;

/**
 * {@code qnli}: GLUE QNLI, question-sentence entailment (metric accuracy).
 * Files: {@code <dataRoot>/QNLI/{train,dev}.tsv}.
 */
public final class QnliTaskProvider extends GlueTaskProvider {

    public QnliTaskProvider() {
        super(GlueTasks.QNLI);
    }
}
