package org.minialbert.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.SharedFiles;

class CorpusFormatTest {
    @TempDir
    Path dir;

    private static List<String> read(CorpusFormat format, Path file) {
        List<String> documents = new ArrayList<>();
        format.read(file, documents::add);
        return documents;
    }

    @Test
    void linesAndParagraphs() throws IOException {
        Path file = Files.writeString(dir.resolve("c.txt"), "first line\n\n  second line  \nthird\n\n\nfourth");
        assertThat(read(CorpusFormat.LINES, file)).containsExactly("first line", "second line", "third", "fourth");
        assertThat(read(CorpusFormat.PARAGRAPHS, file)).containsExactly("first line", "second line third", "fourth");
    }

    @Test
    void jsonLinesTakeTheTextField() throws IOException {
        Path file = Files.writeString(dir.resolve("c.jsonl"), "{\"text\": \"a b\", \"id\": 1}\n\n{\"text\": \"c\"}\n");
        assertThat(read(CorpusFormat.JSONL, file)).containsExactly("a b", "c");
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"a\"}\n{\"body\": \"b\"}\n");
        assertThatThrownBy(() -> read(CorpusFormat.JSONL, bad)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(bad + ":2").hasMessageContaining("'text'");
    }

    @Test
    void gzipIsRecognisedByItsContent() throws IOException {
        Path file = dir.resolve("corpus.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("alpha\nbeta\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read(CorpusFormat.LINES, file)).containsExactly("alpha", "beta");
    }

    @Test
    void corruptFilesNameTheLine() throws IOException {
        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        assertThatThrownBy(() -> read(CorpusFormat.LINES, binary)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("not valid UTF-8");
        Path truncated = dir.resolve("truncated.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(truncated))) {
            out.write("line\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> read(CorpusFormat.LINES, truncated)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(truncated.toString());
        assertThatThrownBy(() -> read(CorpusFormat.LINES, dir.resolve("missing.txt")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("not found");
    }

    @Test
    void wikiTextArticlesStartAtTitles() throws IOException {
        Path file = Files.writeString(dir.resolve("wiki.txt"),
                " \n = Lobster = \n \n Lobsters are animals . \n \n = = Biology = = \n \n They molt . \n = Crab = \n Crabs walk .\n");
        assertThat(read(CorpusFormat.WIKITEXT, file)).containsExactly("Lobsters are animals . They molt .", "Crabs walk .");
    }

    @Test
    void realWikiTextValidationSplitHasItsSixtyArticles() {
        Path valid = SharedFiles.require("data/corpus/wikitext-2/valid.txt");
        List<String> articles = read(CorpusFormat.WIKITEXT, valid);
        assertThat(articles).as("title lines counted with grep '^ = [^=]'").hasSize(60);
        assertThat(articles.get(0)).startsWith("Homarus gammarus , known as the European lobster");
    }

    @Test
    void unknownFormatListsTheAllowedOnes() {
        assertThatThrownBy(() -> CorpusFormat.parse("csv")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lines, paragraphs, jsonl, wikitext");
    }
}
