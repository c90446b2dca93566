package org.minialbert.tasks.glue;

/**
 * {@code mrpc}: GLUE MRPC, paraphrase pairs (metrics accuracy, f1 primary).
 * Files: {@code <dataRoot>/MRPC/{train,dev}.tsv}.
 */
public final class MrpcTaskProvider extends GlueTaskProvider {

    public MrpcTaskProvider() {
        super(GlueTasks.MRPC);
    }
}
