package org.minialbert.tasks.bioner;

/**
 * {@code bc5cdr-disease}: BioCreative V CDR disease mentions.
 * Files: {@code <dataRoot>/BC5CDR-disease-IOB/{train,devel,test}.tsv} (or {@code <dataRoot>/BC5CDR-disease/...}).
 */
public final class Bc5cdrDiseaseTaskProvider extends BioNerTaskProvider {

    public Bc5cdrDiseaseTaskProvider() {
        super(BioNerDataset.BC5CDR_DISEASE);
    }
}
