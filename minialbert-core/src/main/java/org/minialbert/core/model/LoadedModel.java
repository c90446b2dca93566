package org.minialbert.core.model;

import java.nio.file.Path;
import java.util.Optional;

/** A model resolved from what a user typed, with the tokenizer found next to it (if any). */
public record LoadedModel(EncoderModel model, String source, Optional<Path> tokenizer) implements AutoCloseable {

    @Override
    public void close() {
        model.close();
    }
}
