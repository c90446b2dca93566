package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;
import org.minialbert.api.ConfigurationException;

/** The feed-forward activations an HF config names in {@code hidden_act}. */
public enum HiddenActivation {
    /** Exact GELU, {@code x Φ(x)} with the error function (BERT, the reference students). */
    GELU("gelu"),
    /** The tanh approximation of GELU. */
    GELU_NEW("gelu_new"),
    RELU("relu");

    private final String configName;

    HiddenActivation(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public NDArray apply(NDArray x) {
        switch (this) {
            case GELU:
                return Activation.gelu(x);
            case GELU_NEW:
                NDArray cubic = Scalars.mul(x.mul(x).mul(x), 0.044715f);
                NDArray inner = Scalars.mul(x.add(cubic), (float) Math.sqrt(2 / Math.PI));
                return Scalars.mul(x.mul(inner.tanh().add(1f)), 0.5f);
            default:
                return Activation.relu(x);
        }
    }

    /** Parses an HF {@code hidden_act} value. */
    public static HiddenActivation fromConfig(String name) {
        for (HiddenActivation activation : values()) {
            if (activation.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return activation;
            }
        }
        throw new ConfigurationException("hidden_act '" + name + "' is not supported; allowed: "
                + Arrays.toString(Arrays.stream(values()).map(HiddenActivation::configName).toArray()));
    }
}
