package org.minialbert.tasks.glue;

/**
 * {@code stsb}: GLUE STS-B, sentence-pair similarity regression (metrics pearson primary, spearmanr).
 * Files: {@code <dataRoot>/STS-B/{train,dev}.tsv}.
 */
public final class StsbTaskProvider extends GlueTaskProvider {

    public StsbTaskProvider() {
        super(GlueTasks.STSB);
    }
}
