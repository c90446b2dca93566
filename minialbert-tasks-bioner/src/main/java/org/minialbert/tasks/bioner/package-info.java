/**
 * The biomedical NER benchmarks as {@link org.minialbert.api.task.TokenTaskProvider} plugins:
 * {@code ncbi-disease}, {@code bc5cdr-disease}, {@code bc5cdr-chem} and {@code bc2gm}. Each dataset
 * is one {@code BioNerDataset} row (plugin name and folder); one reader ({@code IobReader}) parses
 * every dataset's {@code <dataRoot>/<Folder>-IOB/<split>.tsv} (the layout of
 * {@code cambridgeltl/MTL-Bioinformatics-2016}) or {@code <dataRoot>/<Folder>/<split>.tsv} (BioBERT's
 * preprocessed copy): one {@code token<TAB>tag} line per word with IOB tags and an empty line between
 * sentences. {@link org.minialbert.tasks.bioner.IobLabels} fixes the label order and maps tags to
 * label indices; {@link org.minialbert.tasks.bioner.EntityMetrics} scores predictions at entity level
 * as seqeval does (default conlleval mode and strict IOB2 mode) plus token accuracy.
 */
package org.minialbert.tasks.bioner;
