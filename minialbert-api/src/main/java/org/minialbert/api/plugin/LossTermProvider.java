package org.minialbert.api.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;
import org.minialbert.api.nn.Weights;

/** Creates a distillation loss term, e.g. {@code attention-kl}; a job lists terms in {@code loss.terms}. */
public interface LossTermProvider extends Plugin {

    /**
     * @param objective where a term creates trainable weights of its own (e.g. a learned projection
     *     between unequal widths); they are trained with the student and saved in training checkpoints
     * @throws org.minialbert.api.ConfigurationException when the term cannot compare these models
     */
    LossTerm create(Config settings, LossShapes shapes, Weights objective);
}
