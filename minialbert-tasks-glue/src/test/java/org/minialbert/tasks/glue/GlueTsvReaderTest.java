package org.minialbert.tasks.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.SentenceExample;
import org.minialbert.api.task.SentenceTaskProvider;

/** The shared GLUE reader on small files with each pitfall of the real ones. */
class GlueTsvReaderTest {
    private static final String NLI_HEADER = "index\tsentence1\tsentence2\tlabel\n";

    @TempDir
    Path root;

    private Path write(String folder, String split, String content) throws IOException {
        Path file = root.resolve(folder).resolve(split + ".tsv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<SentenceExample> read(SentenceTaskProvider provider, Path root, String split) {
        return provider.create(ConfigFactory.empty()).read(root, split, false);
    }

    @Test
    void bomAndHeader() throws IOException {
        write("MRPC", "train", "\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
                + "1\t702876\t702977\tAmrozi accused his brother .\tReferring to him , Amrozi accused his brother .\n"
                + "0\t2108705\t2108831\tYucaipa owned Dominick 's .\tYucaipa bought Dominick 's in 1995 .\n");
        assertThat(read(new MrpcTaskProvider(), root, "train")).containsExactly(
                new SentenceExample(0, "Amrozi accused his brother .",
                        "Referring to him , Amrozi accused his brother .", 1),
                new SentenceExample(1, "Yucaipa owned Dominick 's .", "Yucaipa bought Dominick 's in 1995 .", 0));
    }

    @Test
    void colaHasNoHeaderAndNoFinalNewline() throws IOException {
        write("CoLA", "dev",
                "gj04\t1\t\tThe sailors rode the breeze clear of the rocks.\ngj04\t0\t*\tThe more we study verbs");
        assertThat(read(new ColaTaskProvider(), root, "dev")).containsExactly(
                new SentenceExample(0, "The sailors rode the breeze clear of the rocks.", null, 1),
                new SentenceExample(1, "The more we study verbs", null, 0));
    }

    @Test
    void crLfStraySpacesAndBlankLines() throws IOException {
        write("SST-2", "dev", "sentence\tlabel\r\n it 's a charming journey . \t 1 \r\n\r\n  \r\nbad movie\t0\r\n\r\n");
        assertThat(read(new Sst2TaskProvider(), root, "dev")).containsExactly(
                new SentenceExample(0, "it 's a charming journey .", null, 1),
                new SentenceExample(1, "bad movie", null, 0));
    }

    @Test
    void noQuoteHandling() throws IOException {
        write("RTE", "train", NLI_HEADER
                + "0\t\"That film wasn't too successful.\tThe film \"WarGames\" was shot.\tnot_entailment\n"
                + "1\tA\tB\tentailment\n");
        List<SentenceExample> rows = read(new RteTaskProvider(), root, "train");
        assertThat(rows).extracting(SentenceExample::first).containsExactly("\"That film wasn't too successful.", "A");
        assertThat(rows).extracting(SentenceExample::label).containsExactly(1.0, 0.0);
    }

    @Test
    void mnliLabelIsTheLastColumnWhateverTheWidth() throws IOException {
        String cols = "index\tpromptID\tpairID\tgenre\tp1\tp2\tp3\tp4\tsentence1\tsentence2";
        write("MNLI", "train", cols + "\tlabel1\tgold_label\n0\t1\t2\tgov\tx\tx\tx\tx\tA\tB\tneutral\tneutral\n");
        write("MNLI", "dev_matched", cols + "\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label\n"
                + "0\t1\t2\tgov\tx\tx\tx\tx\tC\tD\tneutral\tcontradiction\tcontradiction\tneutral\tcontradiction"
                + "\tcontradiction\n");
        assertThat(read(new MnliTaskProvider(), root, "train")).containsExactly(new SentenceExample(0, "A", "B", 1));
        assertThat(read(new MnliTaskProvider(), root, "dev_matched"))
                .containsExactly(new SentenceExample(0, "C", "D", 2));
    }

    @Test
    void wnliOneIsEntailment() throws IOException {
        write("WNLI", "dev", NLI_HEADER + "0\tThe drain is clogged with hair.\tThe hair has to be cleaned.\t0\n"
                + "1\tI stuck a pin through a carrot.\tThe carrot had a hole.\t1\n");
        assertThat(read(new WnliTaskProvider(), root, "dev")).extracting(SentenceExample::label)
                .containsExactly(0.0, 1.0);
    }

    @Test
    void missingColumnNamesFileAndLine() throws IOException {
        Path file = write("RTE", "dev",
                NLI_HEADER + "0\tA\tB\tentailment\n1\tA only\tnot_entailment\n2\tA\tB\tentailment\n");
        assertThatThrownBy(() -> read(new RteTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":3: row has 3 TAB-separated columns; expected 4 as in the header");
    }

    @Test
    void unknownLabel() throws IOException {
        Path file = write("QNLI", "dev", "index\tquestion\tsentence\tlabel\n0\tWhy?\tBecause.\tmaybe\n");
        assertThatThrownBy(() -> read(new QnliTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: unknown label 'maybe' in column 4; "
                        + "expected one of [entailment, not_entailment]");
    }

    @Test
    void badStsbScores() throws IOException {
        String header = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore\n";
        String row = "0\tmain-captions\tMSRvid\t2012test\t0001\tnone\tnone\tA plane.\tAn air plane.\t";
        write("STS-B", "dev", header + row + "3.800\n" + row + "4\n");
        assertThat(read(new StsbTaskProvider(), root, "dev")).extracting(SentenceExample::label)
                .containsExactly(3.8, 4.0);
        for (String bad : List.of("high", "NaN", "5.5", "-0.1", "1d")) {
            Path file = write("STS-B", "dev", header + row + "3.800\n" + row + bad + "\n");
            assertThatThrownBy(() -> read(new StsbTaskProvider(), root, "dev")).as(bad)
                    .isInstanceOf(DataFormatException.class).hasMessageStartingWith(file + ":3: score '" + bad + "'")
                    .hasMessageContaining("expected a decimal number from 0.0 to 5.0");
        }
    }

    @Test
    void skipBadRowsKeepsTheGoodOnesAndCounts() throws IOException {
        Path file = write("RTE", "dev",
                NLI_HEADER + "0\tA\tB\tentailment\n1\tbroken\n2\tC\tD\tperhaps\n3\tE\tF\tnot_entailment\n");
        GlueTsvReader.Result result = new GlueTsvReader(GlueTasks.RTE).read(root, "dev", true);
        assertThat(result.examples()).containsExactly(new SentenceExample(0, "A", "B", 0),
                new SentenceExample(3, "E", "F", 1));
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.firstProblem()).startsWith(file + ":3: row has 2 TAB-separated columns");

        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(new RteTaskProvider().create(ConfigFactory.empty()).read(root, "dev", true)).hasSize(2);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("skipped 2 malformed rows in " + file);
    }

    @Test
    void missingFolderNamesTheLayout() {
        assertThatThrownBy(() -> read(new ColaTaskProvider(), root, "train")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.resolve("CoLA") + ": GLUE task folder not found")
                .hasMessageContaining("<dataRoot>/CoLA/<split>.tsv")
                .hasMessageContaining("download glue_data with the official script");
    }

    @Test
    void missingSplitFileNamesTheFileAndWhatIsThere() throws IOException {
        write("CoLA", "train", "gj04\t1\t\tFine.\n");
        assertThatThrownBy(() -> read(new ColaTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.resolve("CoLA/dev.tsv") + ": split file not found")
                .hasMessageContaining("[train.tsv]")
                .hasMessageContaining("download glue_data with the official script");
        assertThatThrownBy(() -> read(new ColaTaskProvider(), root, "../CoLA/train"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("split name '../CoLA/train'");
    }

    @Test
    void emptySplits() throws IOException {
        Path headerOnly = write("QNLI", "dev", "index\tquestion\tsentence\tlabel\n\n");
        assertThatThrownBy(() -> read(new QnliTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(headerOnly + ": no data rows; expected a header line and at least one");
        Path empty = write("CoLA", "dev", "");
        assertThatThrownBy(() -> read(new ColaTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(empty + ": no data rows");
        write("RTE", "dev", NLI_HEADER + "0\tA\tB\tyes\n");
        assertThatThrownBy(() -> new RteTaskProvider().create(ConfigFactory.empty()).read(root, "dev", true))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("no usable data rows (1 malformed rows skipped");
    }

    @Test
    void headerMustNameTheUsedColumns() throws IOException {
        Path file = write("RTE", "dev", "index\tquestion\tsentence\tlabel\n0\tWhy?\tBecause.\tentailment\n");
        assertThatThrownBy(() -> read(new RteTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: header column 2 is 'question'; expected 'sentence1' (the GLUE RTE header)");
    }

    @Test
    void headerTooNarrow() throws IOException {
        Path file = write("QQP", "dev", "id\tqid1\tqid2\tquestion1\n0\t1\t2\tWhy?\n");
        assertThatThrownBy(() -> read(new QqpTaskProvider(), root, "dev")).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":1: header has 4 TAB-separated columns; expected at least 6 (the GLUE QQP header)");
    }
}
