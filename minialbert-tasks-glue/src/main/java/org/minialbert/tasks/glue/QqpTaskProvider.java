package org.minialbert.tasks.glue;

/**
 * {@code qqp}: GLUE QQP, duplicate question pairs (metrics accuracy, f1 primary).
 * Files: {@code <dataRoot>/QQP/{train,dev}.tsv}.
 */
public final class QqpTaskProvider extends GlueTaskProvider {

    public QqpTaskProvider() {
        super(GlueTasks.QQP);
    }
}
