package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.finetune.TokenFineTuner;
import org.minialbert.core.finetune.TokenWindows;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.LoadedModel;
import org.minialbert.core.model.ModelLocator;
import org.minialbert.core.text.TextTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minialbert ner predict}: tags text with a fine-tuned NER model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Tag text with a model saved by ner --save-model; prints 'token<TAB>tag' per word, a blank line "
                + "between sentences.",
            "Input: raw text, one sentence per line (split into words and punctuation), or with --pretokenized one "
                    + "token per line and a blank line between sentences (a second column, if any, is ignored)."})
final class NerPredictCommand implements Runnable {
    private static final Pattern WORD = Pattern.compile("\\w+|[^\\w\\s]");
    private final ModelLocator locator;

    @Option(names = "--model", required = true, paramLabel = "FINETUNED", description = "fine-tuned NER model directory")
    private String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "text to tag")
    private Path input;

    @Option(names = "--pretokenized", description = "one token per line, blank lines between sentences")
    private boolean pretokenized;

    @Option(names = "--max-length", defaultValue = "128", description = "pieces per window (default: ${DEFAULT-VALUE})")
    private int maxLength;

    @CommandLine.Mixin
    private DeviceOption device = new DeviceOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    NerPredictCommand(ModelLocator locator) {
        this.locator = locator;
    }

    @Override
    public void run() {
        List<TokenExample> sentences = read();
        try (NDManager manager = OfflineEngine.newManager(device.choice()); LoadedModel loaded = locator.load(model, null, manager)) {
            if (loaded.model().head() != HeadKind.TOKEN_CLASSIFICATION || !loaded.model().config().labels().contains("O")) {
                throw new ConfigurationException("model '" + model + "' is not a token classifier with IOB labels (head "
                        + loaded.model().head() + "); fine-tune one with ner --save-model");
            }
            List<String> labels = loaded.model().config().labels();
            TokenFineTuner.Tagged tagged;
            try (TextTokenizer tokenizer = TextTokenizer.openUntruncated(loaded.tokenizer().orElseThrow(() ->
                    new ConfigurationException("model '" + model + "' has no tokenizer.json beside it")))) {
                TokenWindows windows = new TokenWindows(sentences, labels, tokenizer, maxLength, false,
                        tokenizer.tokenId("[CLS]"), tokenizer.tokenId("[SEP]"));
                tagged = TokenFineTuner.predict(loaded.model(), windows, sentences, labels);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (int s = 0; s < sentences.size(); s++) {
                for (int u = 0; u < tagged.predicted().get(s).size(); u++) {
                    out.println(sentences.get(s).words().get(tagged.words().get(s).get(u)) + "\t"
                            + tagged.predicted().get(s).get(u));
                }
                out.println();
            }
        }
    }

    private List<TokenExample> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(input + ": file not found");
        } catch (IOException e) {
            throw new DataFormatException(input + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        List<TokenExample> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String line : lines) {
            if (pretokenized) {
                if (line.isBlank()) {
                    add(sentences, words);
                } else {
                    words.add(line.strip().split("\t")[0]);
                }
            } else {
                Matcher matcher = WORD.matcher(line);
                while (matcher.find()) {
                    words.add(matcher.group());
                }
                add(sentences, words);
            }
        }
        add(sentences, words);
        if (sentences.isEmpty()) {
            throw new DataFormatException(input + ": no text to tag");
        }
        return sentences;
    }

    private static void add(List<TokenExample> sentences, List<String> words) {
        if (!words.isEmpty()) {
            sentences.add(new TokenExample(sentences.size(), words, Collections.nCopies(words.size(), "O")));
            words.clear();
        }
    }
}
