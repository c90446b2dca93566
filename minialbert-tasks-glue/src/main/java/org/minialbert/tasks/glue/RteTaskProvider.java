package org.minialbert.tasks.glue;

/**
 * {@code rte}: GLUE RTE, two-way entailment (metric accuracy).
 * Files: {@code <dataRoot>/RTE/{train,dev}.tsv}.
 */
public final class RteTaskProvider extends GlueTaskProvider {

    public RteTaskProvider() {
        super(GlueTasks.RTE);
    }
}
