package org.minialbert.core.data;

import java.nio.file.Path;

/** One corpus file and how it splits into documents. */
public record CorpusSource(Path path, CorpusFormat format) {
}
