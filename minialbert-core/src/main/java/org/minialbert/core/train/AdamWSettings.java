package org.minialbert.core.train;

import org.minialbert.api.ConfigurationException;

/** AdamW hyper-parameters; {@link #reference()} gives the paper's distillation values (spec section 6). */
public record AdamWSettings(float beta1, float beta2, float epsilon, float weightDecay) {

    public AdamWSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new ConfigurationException("AdamW betas must be in [0, 1), found " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new ConfigurationException("AdamW epsilon must be positive, found " + epsilon);
        }
        if (weightDecay < 0) {
            throw new ConfigurationException("weight decay must not be negative, found " + weightDecay);
        }
    }

    public static AdamWSettings reference() {
        return new AdamWSettings(0.9f, 0.999f, 1e-8f, 1e-4f);
    }
}
