package org.minialbert.core.model;

import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.EmbeddingFactorisationProvider;
import org.minialbert.api.plugin.EmbeddingProjection;
import org.minialbert.api.plugin.LayerAdaptation;
import org.minialbert.api.plugin.LayerAdaptationProvider;
import org.minialbert.api.plugin.ParameterSharing;
import org.minialbert.api.plugin.ParameterSharingProvider;
import org.minialbert.core.plugin.CompositeAdaptation;
import org.minialbert.core.plugin.PluginCatalog;
import org.minialbert.core.plugin.PluginChoice;
import org.minialbert.core.plugin.PluginRegistry;

/**
 * Builds models from an {@link EncoderConfig}, taking the sharing scheme, the layer adaptation and
 * the embedding factorisation from the installed plugins: a teacher is {@code none} sharing with a
 * full-rank embedding; a student uses its configured sharing scheme and adaptations (combined in
 * list order), and a {@code factorised} embedding when E differs from H. Weights are
 * initialised as the reference does (normal, std {@code initializer_range}).
 */
public final class ModelFactory {
    private final PluginCatalog catalog;
    private final PluginRegistry<ParameterSharingProvider> sharing;
    private final PluginRegistry<LayerAdaptationProvider> adaptation;
    private final PluginRegistry<EmbeddingFactorisationProvider> embedding;

    public ModelFactory(PluginCatalog catalog) {
        this.catalog = catalog;
        this.sharing = catalog.sharing();
        this.adaptation = catalog.adaptation();
        this.embedding = catalog.embedding();
    }

    /** A factory over every plugin on the classpath. */
    public static ModelFactory fromClasspath() {
        return new ModelFactory(PluginCatalog.fromClasspath());
    }

    public PluginCatalog catalog() {
        return catalog;
    }

    /**
     * Creates each plugin component {@code config} names on scratch weights that are thrown away, so
     * a setting that does not fit the model (a rank above H, too many unique layers) fails before
     * anything is built; {@code each} receives the choice's name ({@code sharing},
     * {@code adaptation[i]}) and the creation to run.
     */
    public void checkPlugins(EncoderConfig config, NDManager parent, BiConsumer<String, Runnable> each) {
        each.accept("sharing", () -> sharing.get(config.sharing().type())
                .create(sharing.settings(config.sharing().type(), config.sharing().config()), config.layers()));
        for (int i = 0; i < config.adaptations().size(); i++) {
            PluginChoice choice = config.adaptations().get(i);
            each.accept("adaptation[" + i + "]", () -> {
                try (NDManager scratch = parent.newSubManager()) {
                    adaptation.get(choice.type()).create(adaptation.settings(choice.type(), choice.config()),
                            config.shape(), new Weights(scratch, config.initializerRange()));
                }
            });
        }
    }


    /**
     * A model with fresh weights in a sub-manager of {@code parent}.
     *
     * @param labels number of outputs of a classification head (ignored for other heads)
     */
    public EncoderModel create(EncoderConfig config, HeadKind head, int labels, NDManager parent) {
        if ((head == HeadKind.SEQUENCE_CLASSIFICATION || head == HeadKind.TOKEN_CLASSIFICATION) && labels < 1) {
            throw new ConfigurationException("a classification head needs at least one label, found " + labels);
        }
        NDManager manager = parent.newSubManager();
        try {
            Weights weights = new Weights(manager, config.initializerRange());
            EncoderLayout layout = EncoderLayout.of(config);
            Weights scoped = weights.scoped(layout.encoderScope());
            Config none = ConfigFactory.empty();
            String embeddingName = config.embeddingSize() == config.hiddenSize() ? "full-rank" : "factorised";
            EmbeddingProjection projection = embedding.get(embeddingName)
                    .create(embedding.settings(embeddingName, none), config.shape(), scoped);
            ParameterSharing scheme = sharing.get(config.sharing().type())
                    .create(sharing.settings(config.sharing().type(), config.sharing().config()), config.layers());
            List<LayerAdaptation> parts = new ArrayList<>();
            for (PluginChoice choice : config.adaptations()) {
                parts.add(adaptation.get(choice.type()).create(adaptation.settings(choice.type(), choice.config()),
                        config.shape(), scoped));
            }
            LayerAdaptation layerAdaptation = CompositeAdaptation.of(parts);
            TransformerEncoder encoder = new TransformerEncoder(weights, layout, config, scheme, layerAdaptation, projection);
            MaskedLmHead maskedLm = head == HeadKind.MASKED_LM
                    ? new MaskedLmHead(weights, layout, config, encoder.wordEmbeddings()) : null;
            ClassificationHead classifier = head == HeadKind.SEQUENCE_CLASSIFICATION
                    || head == HeadKind.TOKEN_CLASSIFICATION
                    ? new ClassificationHead(weights, config, labels, head == HeadKind.TOKEN_CLASSIFICATION) : null;
            return new EncoderModel(config, head, weights, encoder, maskedLm, classifier,
                    layerAdaptation.checkpointConfig());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
