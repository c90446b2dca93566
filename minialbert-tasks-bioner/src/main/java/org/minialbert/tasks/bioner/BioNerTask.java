package org.minialbert.tasks.bioner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.minialbert.api.task.TokenExample;
import org.minialbert.api.task.TokenTask;

/**
 * A biomedical NER task made from its {@link BioNerDataset}: the shared reader, label set and metrics
 * for all four. Gold tags at test time and predicted tags must belong to {@link #labels} of the
 * training split; {@link IobLabels#labelIndex} reports one that does not.
 */
final class BioNerTask implements TokenTask {
    private final BioNerDataset dataset;

    BioNerTask(BioNerDataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public String name() {
        return dataset.name();
    }

    @Override
    public List<TokenExample> read(Path dataRoot, String split) {
        return new IobReader(dataset).read(dataRoot, split);
    }

    /** {@link IobLabels#of}: {@code O}, then {@code B-T}, {@code I-T} for each type T in sorted order. */
    @Override
    public List<String> labels(List<TokenExample> training) {
        return IobLabels.of(training);
    }

    /** {@link EntityMetrics#compute}. */
    @Override
    public Map<String, Double> metrics(List<List<String>> gold, List<List<String>> predicted) {
        return EntityMetrics.compute(gold, predicted);
    }

    @Override
    public String toString() {
        return "BioNerTask[" + dataset.name() + "]";
    }
}
