package org.minialbert.tasks.glue;

/**
 * {@code wnli}: GLUE WNLI, Winograd entailment (metric accuracy).
 * Files: {@code <dataRoot>/WNLI/{train,dev}.tsv}.
 */
public final class WnliTaskProvider extends GlueTaskProvider {

    public WnliTaskProvider() {
        super(GlueTasks.WNLI);
    }
}
