package org.minialbert.api.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A token-level (sequence labelling) task such as biomedical NER: splits of tagged sentences and entity metrics. */
public interface TokenTask {

    /** Short name, e.g. {@code ncbi-disease}. */
    String name();

    /**
     * Reads {@code split} ({@code train}, {@code devel}, {@code test}, {@code train_dev}) from the task's
     * folder under {@code dataRoot}.
     *
     * @throws org.minialbert.api.DataFormatException naming file:line for a malformed line, or a missing
     *     or empty split
     */
    List<TokenExample> read(Path dataRoot, String split);

    /**
     * The label set from the training sentences, in a fixed documented order (independent of the
     * order tags appear in the file), so label indices are reproducible.
     */
    List<String> labels(List<TokenExample> training);

    /**
     * Entity-level metrics of predicted tag sequences against gold ones (same sentences, same
     * lengths): at least {@code precision}, {@code recall}, {@code f1} (seqeval's default, conlleval
     * mode), per-type {@code f1.<TYPE>}, {@code strict.f1} (IOB2) and token {@code accuracy}.
     */
    Map<String, Double> metrics(List<List<String>> gold, List<List<String>> predicted);
}
