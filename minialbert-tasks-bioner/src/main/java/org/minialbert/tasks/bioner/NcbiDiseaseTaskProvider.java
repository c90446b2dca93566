package org.minialbert.tasks.bioner;

/**
 * {@code ncbi-disease}: NCBI Disease corpus (disease mentions).
 * Files: {@code <dataRoot>/NCBI-disease-IOB/{train,devel,test}.tsv} (or {@code <dataRoot>/NCBI-disease/...}).
 */
public final class NcbiDiseaseTaskProvider extends BioNerTaskProvider {

    public NcbiDiseaseTaskProvider() {
        super(BioNerDataset.NCBI_DISEASE);
    }
}
