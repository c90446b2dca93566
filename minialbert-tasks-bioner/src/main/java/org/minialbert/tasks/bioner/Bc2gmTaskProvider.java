package org.minialbert.tasks.bioner;

/**
 * {@code bc2gm}: BioCreative II Gene Mention (gene and protein mentions).
 * Files: {@code <dataRoot>/BC2GM-IOB/{train,devel,test}.tsv} (or {@code <dataRoot>/BC2GM/...}).
 */
public final class Bc2gmTaskProvider extends BioNerTaskProvider {

    public Bc2gmTaskProvider() {
        super(BioNerDataset.BC2GM);
    }
}
