package org.minialbert.tasks.glue;

/**
 * {@code cola}: GLUE CoLA, acceptability of one sentence (metric matthews_correlation).
 * Files: {@code <dataRoot>/CoLA/{train,dev}.tsv}.
 */
public final class ColaTaskProvider extends GlueTaskProvider {

    public ColaTaskProvider() {
        super(GlueTasks.COLA);
    }
}
