package org.minialbert.tasks.bioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;
import org.minialbert.api.task.TokenTask;

/** The shared IOB reader on small files with each pitfall a copy of the datasets may have. */
class IobReaderTest {
    private static final String EXPECTED = "; expected 'token<TAB>tag' with an IOB tag";

    @TempDir
    Path root;

    private Path write(String folder, String split, String content) throws IOException {
        Path file = root.resolve(folder).resolve(split + ".tsv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static TokenTask task(BioNerTaskProvider provider) {
        return provider.create(ConfigFactory.empty());
    }

    private List<TokenExample> read(String split) {
        return task(new NcbiDiseaseTaskProvider()).read(root, split);
    }

    @Test
    void crLfBomBlankRunsAndNoFinalNewline() throws IOException {
        write("NCBI-disease-IOB", "train", "\uFEFFIdentification\tO\r\nof\tO\r\nAPC2\tB-Disease\r\n\r\n\r\n"
                + "  \r\n\r\nFamilial\tB-Disease\r\npolyposis \t I-Disease ");
        assertThat(read("train")).containsExactly(
                new TokenExample(0, List.of("Identification", "of", "APC2"), List.of("O", "O", "B-Disease")),
                new TokenExample(1, List.of("Familial", "polyposis"), List.of("B-Disease", "I-Disease")));
    }

    @Test
    void leadingBlankLinesAndDocstartAreSkipped() throws IOException {
        write("NCBI-disease-IOB", "devel", "\n\n-DOCSTART-\tO\n\nA\tO\n-DOCSTART- -X- O O\nB\tB-Disease\n\n");
        assertThat(read("devel")).containsExactly(new TokenExample(0, List.of("A"), List.of("O")),
                new TokenExample(1, List.of("B"), List.of("B-Disease")));
    }

    @Test
    void bioBertFolderWithoutIobSuffix() throws IOException {
        write("BC2GM", "train_dev", "Joys\tO\nMAP\tB-GENE\nkinase\tI-GENE\n");
        assertThat(task(new Bc2gmTaskProvider()).read(root, "train_dev")).containsExactly(
                new TokenExample(0, List.of("Joys", "MAP", "kinase"), List.of("O", "B-GENE", "I-GENE")));
        // the -IOB folder comes first when both hold the split
        write("BC2GM-IOB", "train_dev", "x\tO\n");
        assertThat(task(new Bc2gmTaskProvider()).read(root, "train_dev")).hasSize(1)
                .allSatisfy(s -> assertThat(s.words()).containsExactly("x"));
    }

    @Test
    void lineWithoutTabNamesFileAndLine() throws IOException {
        Path file = write("NCBI-disease-IOB", "test", "A\tO\n\nB O\n");
        assertThatThrownBy(() -> read("test")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":3: no TAB in line 'B O'" + EXPECTED);
    }

    @Test
    void otherMalformedLines() throws IOException {
        Path file = write("NCBI-disease-IOB", "test", "A\tO\tX\n");
        assertThatThrownBy(() -> read("test")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: line has 3 TAB-separated fields" + EXPECTED);
        write("NCBI-disease-IOB", "test", "A\tO\n \tO\n");
        assertThatThrownBy(() -> read("test")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: empty token" + EXPECTED);
    }

    @Test
    void badTags() throws IOException {
        for (String tag : List.of("B_Disease", "E-Disease", "B-", "o", "", "I-two words", "S-X")) {
            Path file = write("NCBI-disease-IOB", "devel", "A\tO\nB\t" + tag + "\n");
            assertThatThrownBy(() -> read("devel")).as(tag).isInstanceOf(DataFormatException.class)
                    .hasMessage(file + ":2: tag '" + tag + "' is not O, B-<type> or I-<type>" + EXPECTED);
        }
    }

    @Test
    void emptySplit() throws IOException {
        for (String content : List.of("", "\uFEFF", "\n\r\n  \n", "-DOCSTART-\tO\n\n")) {
            Path file = write("NCBI-disease-IOB", "test", content);
            assertThatThrownBy(() -> read("test")).isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith(file + ": no sentences; expected 'token<TAB>tag' lines");
        }
    }

    @Test
    void notUtf8() throws IOException {
        Path file = write("NCBI-disease-IOB", "test", "");
        Files.write(file, new byte[] {'A', '\t', 'O', '\n', (byte) 0xff, '\t', 'O', '\n'});
        assertThatThrownBy(() -> read("test")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ": not UTF-8 text");
    }

    @Test
    void missingFolderNamesBothLayouts() {
        assertThatThrownBy(() -> task(new Bc5cdrChemTaskProvider()).read(root, "train"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.resolve("BC5CDR-chem-IOB") + " (or " + root.resolve("BC5CDR-chem")
                        + "): bc5cdr-chem folder not found")
                .hasMessageContaining("<dataRoot>/BC5CDR-chem-IOB/<split>.tsv")
                .hasMessageContaining("<dataRoot>/BC5CDR-chem/<split>.tsv");
    }

    @Test
    void missingSplitFileNamesTheFileAndWhatIsThere() throws IOException {
        write("BC5CDR-disease-IOB", "train", "A\tO\n");
        assertThatThrownBy(() -> task(new Bc5cdrDiseaseTaskProvider()).read(root, "dev"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.resolve("BC5CDR-disease-IOB/dev.tsv") + ": split file not found")
                .hasMessageContaining("<dataRoot>/BC5CDR-disease-IOB/<split>.tsv")
                .hasMessageContaining("the folder holds [train.tsv]");
        assertThatThrownBy(() -> task(new Bc5cdrDiseaseTaskProvider()).read(root, "../x/train"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("split name '../x/train'");
    }
}
