package org.minialbert.tasks.bioner;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that tells one biomedical NER dataset from another.
 *
 * @param name plugin name, e.g. {@code ncbi-disease}
 * @param folder the dataset's folder without the {@code -IOB} suffix, e.g. {@code NCBI-disease}
 * @param description one line for {@code minialbert plugins}
 */
record BioNerDataset(String name, String folder, String description) {

    static final BioNerDataset NCBI_DISEASE = new BioNerDataset("ncbi-disease", "NCBI-disease",
            "NCBI Disease corpus: disease mention recognition (IOB tags, type Disease)");
    static final BioNerDataset BC5CDR_DISEASE = new BioNerDataset("bc5cdr-disease", "BC5CDR-disease",
            "BioCreative V CDR: disease mention recognition (IOB tags, type Disease)");
    static final BioNerDataset BC5CDR_CHEM = new BioNerDataset("bc5cdr-chem", "BC5CDR-chem",
            "BioCreative V CDR: chemical mention recognition (IOB tags, type Chemical)");
    static final BioNerDataset BC2GM = new BioNerDataset("bc2gm", "BC2GM",
            "BioCreative II Gene Mention: gene and protein mention recognition (IOB tags, type GENE)");

    /**
     * The folders that may hold the dataset, in the order they are tried: {@code <Folder>-IOB}
     * (MTL-Bioinformatics-2016) then {@code <Folder>} (BioBERT's preprocessed copy).
     */
    List<Path> candidateFolders(Path dataRoot) {
        return List.of(dataRoot.resolve(folder + "-IOB"), dataRoot.resolve(folder));
    }
}
