package org.minialbert.core.model;

import java.util.Locale;

/** Which head sits on the encoder, and the HF architecture names that say so in config.json. */
public enum HeadKind {
    NONE("BertModel", "MiniAlbertModel"),
    MASKED_LM("BertForMaskedLM", "MiniAlbertForMaskedLM"),
    SEQUENCE_CLASSIFICATION("BertForSequenceClassification", "MiniAlbertForSequenceClassification"),
    TOKEN_CLASSIFICATION("BertForTokenClassification", "MiniAlbertForTokenClassification");

    private final String bertArchitecture;
    private final String studentArchitecture;

    HeadKind(String bertArchitecture, String studentArchitecture) {
        this.bertArchitecture = bertArchitecture;
        this.studentArchitecture = studentArchitecture;
    }

    public String architecture(boolean student) {
        return student ? studentArchitecture : bertArchitecture;
    }

    /** The head an HF architecture name implies (e.g. {@code AlbertForMaskedLM}), or null. */
    public static HeadKind fromArchitecture(String architecture) {
        String name = architecture.toLowerCase(Locale.ROOT);
        if (name.endsWith("formaskedlm") || name.endsWith("forpretraining")) {
            return MASKED_LM;
        }
        if (name.endsWith("forsequenceclassification")) {
            return SEQUENCE_CLASSIFICATION;
        }
        if (name.endsWith("fortokenclassification")) {
            return TOKEN_CLASSIFICATION;
        }
        return name.endsWith("model") ? NONE : null;
    }
}
