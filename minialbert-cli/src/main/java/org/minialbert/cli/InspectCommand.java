package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Locale;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.model.ParameterCounts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert inspect}: architecture summary and parameter counts of any loadable model. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a model's architecture and its parameter counts (encoder without heads, as in the paper).")
final class InspectCommand implements Runnable {
    private final ModelLocator locator;

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "model directory, .onnx file, or embedded model name (bge-small-en-v1.5, all-minilm-l6-v2)")
    private String model;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    InspectCommand(ModelLocator locator) {
        this.locator = locator;
    }

    @Override
    public void run() {
        try (NDManager manager = OfflineEngine.newManager();
                LoadedModel loaded = locator.load(model, null, manager)) {
            PrintWriter out = spec.commandLine().getOut();
            EncoderConfig c = loaded.model().config();
            out.printf("model          %s%n", loaded.source());
            out.printf("kind           %s%n", c.isStudent() ? "recursive student (MiniALBERT)" : "teacher (BERT)");
            out.printf("head           %s%n", loaded.model().head().architecture(c.isStudent()));
            out.printf("vocabulary     %d%n", c.vocabSize());
            out.printf("hidden H       %d%n", c.hiddenSize());
            out.printf("embedding E    %d%s%n", c.embeddingSize(), c.embeddingSize() == c.hiddenSize()
                    ? " (full rank)" : " (factorised, projected to H)");
            out.printf("%-14s %d%n", c.isStudent() ? "iterations N" : "layers L", c.layers());
            out.printf("sharing        %s%n", c.sharing());
            out.printf("adaptation     %s%n", c.adaptations().isEmpty() ? "none" : c.adaptations());
            out.printf("heads A        %d (head width %d)%n", c.attentionHeads(), c.hiddenSize() / c.attentionHeads());
            out.printf("feed-forward   %d, %s%n", c.intermediateSize(), c.activation().configName());
            out.printf("positions      %d, token types %d%n", c.maxPositions(), c.typeVocabSize());
            out.printf("tokenizer      %s%n", loaded.tokenizer().map(Object::toString).orElse("(none found)"));
            ParameterCounts counts = ParameterCounts.of(loaded.model().weights());
            out.println();
            out.println("parameters");
            for (WeightGroup group : WeightGroup.values()) {
                out.printf("  %-12s %,14d%n", group.name().toLowerCase(Locale.ROOT), counts.group(group));
            }
            out.printf("  %-12s %,14d  (%.2fM, the paper's #Params: heads excluded)%n", "encoder",
                    counts.encoder(), counts.encoder() / 1e6);
            out.printf("  %-12s %,14d%n", "total", counts.total());
        }
    }
}
