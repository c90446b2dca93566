package org.minialbert.tasks.glue;

/**
 * {@code sst2}: GLUE SST-2, sentiment of one sentence (metric accuracy).
 * Files: {@code <dataRoot>/SST-2/{train,dev}.tsv}.
 */
public final class Sst2TaskProvider extends GlueTaskProvider {

    public Sst2TaskProvider() {
        super(GlueTasks.SST2);
    }
}
