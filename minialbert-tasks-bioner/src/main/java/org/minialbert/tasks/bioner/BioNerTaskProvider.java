package org.minialbert.tasks.bioner;

import com.typesafe.config.Config;
import org.minialbert.api.task.TokenTask;
import org.minialbert.api.task.TokenTaskProvider;

/** Common body of the four biomedical NER providers: each only names its {@link BioNerDataset}. */
abstract class BioNerTaskProvider implements TokenTaskProvider {
    private final BioNerDataset dataset;

    BioNerTaskProvider(BioNerDataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public final String name() {
        return dataset.name();
    }

    @Override
    public final String description() {
        return dataset.description();
    }

    /** The NER tasks take no settings; {@code settings} is ignored. */
    @Override
    public final TokenTask create(Config settings) {
        return new BioNerTask(dataset);
    }
}
