package org.minialbert.cli;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.task.TokenTaskProvider;
import org.minialbert.core.finetune.NerGrid;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert ner}: fine-tune and evaluate a model on biomedical NER datasets. */
@Command(name = "ner", mixinStandardHelpOptions = true, subcommands = NerPredictCommand.class,
        description = {"Fine-tune a model for biomedical NER (full or adapter tuning) over a grid; the best "
                + "configuration by devel entity F1 is reported on test (seqeval default mode; strict IOB2 too).",
            "Defaults follow the reference protocol: lr 5e-5, batch 16, 3 epochs, max length 128, weight decay 0.01, "
                    + "cosine decay, first word-piece labelling, seed 42."})
final class NerCommand extends GridCommand {
    @Option(names = "--dataset", split = ",", paramLabel = "D",
            description = "ncbi-disease, bc5cdr-disease, bc5cdr-chem, bc2gm (or their folder names), or all (required)")
    private List<String> datasets;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "cosine|linear",
            description = "learning-rate decay (default: ${DEFAULT-VALUE}, the reference)")
    private String schedule;

    @Option(names = "--labelling", defaultValue = "first", paramLabel = "first|all", description = "label the first "
            + "word piece of each word and score words (default), or every piece and score pieces (the reference)")
    private String labelling;

    @Inject
    NerCommand(ModelLocator locator, ModelFactory factory) {
        super(locator, factory);
    }

    @Override
    List<String> taskOption() {
        return datasets;
    }

    @Override
    List<String> taskNames(List<String> given) {
        return names(factory.catalog().tokenTasks(), given);
    }

    @Override
    NerGrid.Options nerOptions() {
        check("--schedule", schedule, "cosine", "linear");
        check("--labelling", labelling, "first", "all");
        return new NerGrid.Options(labelling.equals("all"), schedule.equals("cosine"));
    }

    @Override
    String missingOptions() {
        return "ner needs --model, --dataset, --data and --output (or use: ner predict)";
    }

    private static void check(String option, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new ConfigurationException(option + " must be one of " + String.join(", ", allowed) + ", found '"
                    + value + "'");
        }
    }

    /**
     * The datasets named (lower-case names or folder names such as NCBI-disease; {@code all}: every
     * one), as their plugin names; a name that is not an NER dataset is an error listing the datasets.
     */
    static List<String> names(PluginRegistry<TokenTaskProvider> registry, List<String> names) {
        List<String> wanted = names.equals(List.of("all"))
                ? registry.all().stream().map(TokenTaskProvider::name).toList() : names;
        return wanted.stream().map(name -> registry.get(name.strip().toLowerCase(Locale.ROOT)
                .replaceFirst("-iob$", "")).name()).toList();
    }
}
