package org.minialbert.tasks.bioner;

/**
 * {@code bc5cdr-chem}: BioCreative V CDR chemical mentions.
 * Files: {@code <dataRoot>/BC5CDR-chem-IOB/{train,devel,test}.tsv} (or {@code <dataRoot>/BC5CDR-chem/...}).
 */
public final class Bc5cdrChemTaskProvider extends BioNerTaskProvider {

    public Bc5cdrChemTaskProvider() {
        super(BioNerDataset.BC5CDR_CHEM);
    }
}
