package org.minialbert.tasks.glue;

import static org.minialbert.tasks.glue.GlueMetric.ACCURACY;
import static org.minialbert.tasks.glue.GlueMetric.F1;
import static org.minialbert.tasks.glue.GlueMetric.MATTHEWS;
import static org.minialbert.tasks.glue.GlueMetric.PEARSON;
import static org.minialbert.tasks.glue.GlueMetric.SPEARMAN;
import static org.minialbert.tasks.glue.TsvLayout.LAST;

import java.util.List;

/**
 * The nine GLUE tasks: column layouts of the official {@code glue_data} files, label orders of the HF
 * {@code glue} dataset, metrics of the HF {@code glue} metric.
 */
final class GlueTasks {
    private static final List<String> BINARY = List.of("0", "1");
    private static final List<String> NLI2 = List.of("entailment", "not_entailment");
    private static final List<String> NLI3 = List.of("entailment", "neutral", "contradiction");
    private static final List<String> DEV = List.of("dev");
    private static final List<GlueMetric> ACC = List.of(ACCURACY);
    private static final List<GlueMetric> ACC_F1 = List.of(ACCURACY, F1);

    /** No header; 4 columns: source, label, original label (often empty), sentence. */
    static final GlueTaskSpec COLA = new GlueTaskSpec("cola",
            "GLUE CoLA: grammatical acceptability of one sentence (Matthews correlation)", "CoLA",
            TsvLayout.withoutHeader(4, 3, 1),
            List.of("unacceptable", "acceptable"), BINARY, List.of(MATTHEWS), MATTHEWS, DEV);

    /** Header {@code sentence label}. */
    static final GlueTaskSpec SST2 = new GlueTaskSpec("sst2",
            "GLUE SST-2: sentiment of one movie-review sentence (accuracy)", "SST-2",
            TsvLayout.withHeader(0, 1, "sentence", "label"),
            List.of("negative", "positive"), BINARY, ACC, ACCURACY, DEV);

    /** Header {@code Quality #1 ID #2 ID #1 String #2 String}. */
    static final GlueTaskSpec MRPC = new GlueTaskSpec("mrpc",
            "GLUE MRPC: are two news sentences paraphrases? (accuracy, F1)", "MRPC",
            TsvLayout.withHeader(3, 4, 0, "#1 String", "#2 String", "Quality"),
            List.of("not_equivalent", "equivalent"), BINARY, ACC_F1, F1, DEV);

    /** Header {@code index genre filename year old_index source1 source2 sentence1 sentence2 score}. */
    static final GlueTaskSpec STSB = new GlueTaskSpec("stsb",
            "GLUE STS-B: similarity score 0-5 of a sentence pair, regression (Pearson, Spearman)", "STS-B",
            TsvLayout.withHeader(7, 8, 9, "sentence1", "sentence2", "score"),
            List.of(), List.of(), List.of(PEARSON, SPEARMAN), PEARSON, DEV);

    /** Header {@code id qid1 qid2 question1 question2 is_duplicate}. */
    static final GlueTaskSpec QQP = new GlueTaskSpec("qqp",
            "GLUE QQP: are two Quora questions duplicates? (accuracy, F1)", "QQP",
            TsvLayout.withHeader(3, 4, 5, "question1", "question2", "is_duplicate"),
            List.of("not_duplicate", "duplicate"), BINARY, ACC_F1, F1, DEV);

    /** Header of 12 (train) or 16 (dev) columns; sentence1, sentence2 at 8, 9; {@code gold_label} last. */
    static final GlueTaskSpec MNLI = new GlueTaskSpec("mnli",
            "GLUE MNLI: entailment, neutral or contradiction, matched and mismatched dev (accuracy)", "MNLI",
            TsvLayout.withHeader(8, 9, LAST, "sentence1", "sentence2", "gold_label"),
            NLI3, NLI3, ACC, ACCURACY, List.of("dev_matched", "dev_mismatched"));

    /** Header {@code index question sentence label}. */
    static final GlueTaskSpec QNLI = new GlueTaskSpec("qnli",
            "GLUE QNLI: does the sentence answer the question? (accuracy)", "QNLI",
            TsvLayout.withHeader(1, 2, 3, "question", "sentence", "label"),
            NLI2, NLI2, ACC, ACCURACY, DEV);

    /** Header {@code index sentence1 sentence2 label}. */
    static final GlueTaskSpec RTE = new GlueTaskSpec("rte",
            "GLUE RTE: does the first sentence entail the second? (accuracy)", "RTE",
            TsvLayout.withHeader(1, 2, 3, "sentence1", "sentence2", "label"),
            NLI2, NLI2, ACC, ACCURACY, DEV);

    /** Header {@code index sentence1 sentence2 label}; 1 = entailment. */
    static final GlueTaskSpec WNLI = new GlueTaskSpec("wnli",
            "GLUE WNLI: Winograd pronoun resolution as entailment (accuracy)", "WNLI",
            TsvLayout.withHeader(1, 2, 3, "sentence1", "sentence2", "label"),
            List.of("not_entailment", "entailment"), BINARY, ACC, ACCURACY, DEV);

    private GlueTasks() {
    }
}
