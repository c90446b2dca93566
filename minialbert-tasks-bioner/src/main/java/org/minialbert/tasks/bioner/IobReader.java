package org.minialbert.tasks.bioner;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.task.TokenExample;

/**
 * Reads one split of a biomedical NER dataset from {@code <dataRoot>/<Folder>-IOB/<split>.tsv}, or
 * from {@code <dataRoot>/<Folder>/<split>.tsv} when the first has no such file: UTF-8, a leading BOM
 * dropped, LF, CR LF or CR line ends, a last line with or without newline. Each non-blank line is
 * {@code token<TAB>tag} (both stripped of surrounding blanks) with an IOB tag; one or more blank
 * lines end a sentence. A {@code -DOCSTART-} line is skipped and also ends the sentence before it.
 * {@link TokenExample#index()} is the sentence's 0-based position in the file.
 */
final class IobReader {
    private static final Pattern SPLIT_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String DOCSTART = "-DOCSTART-";
    private static final String EXPECTED_LINE = "expected 'token<TAB>tag' with an IOB tag";

    private final BioNerDataset dataset;

    IobReader(BioNerDataset dataset) {
        this.dataset = dataset;
    }

    List<TokenExample> read(Path dataRoot, String split) {
        Path file = locate(dataRoot, split);
        List<TokenExample> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.strip().startsWith(DOCSTART)) {
                    endSentence(sentences, words, tags);
                } else {
                    parseLine(file, lineNumber, line, words, tags);
                }
            }
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file + ": not UTF-8 text (somewhere after line " + lineNumber
                    + "); expected a UTF-8 file of 'token<TAB>tag' lines", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read (" + e + "); expected a readable TSV file", e);
        }
        endSentence(sentences, words, tags);
        if (sentences.isEmpty()) {
            throw new DataFormatException(file + ": no sentences; expected 'token<TAB>tag' lines with an empty "
                    + "line between sentences");
        }
        return List.copyOf(sentences);
    }

    private static void parseLine(Path file, int lineNumber, String line, List<String> words, List<String> tags) {
        String[] fields = line.split("\t", -1);
        if (fields.length == 1) {
            throw bad(file, lineNumber, "no TAB in line '" + shorten(line) + "'");
        }
        if (fields.length > 2) {
            throw bad(file, lineNumber, "line has " + fields.length + " TAB-separated fields");
        }
        String word = fields[0].strip();
        String tag = fields[1].strip();
        if (word.isEmpty()) {
            throw bad(file, lineNumber, "empty token");
        }
        if (!IobLabels.isValid(tag)) {
            throw bad(file, lineNumber, "tag '" + shorten(tag) + "' is not O, B-<type> or I-<type>");
        }
        words.add(word);
        tags.add(tag);
    }

    private static void endSentence(List<TokenExample> sentences, List<String> words, List<String> tags) {
        if (!words.isEmpty()) {
            sentences.add(new TokenExample(sentences.size(), words, tags));
            words.clear();
            tags.clear();
        }
    }

    private Path locate(Path dataRoot, String split) {
        if (split == null || !SPLIT_NAME.matcher(split).matches()) {
            throw new ConfigurationException("split name '" + split + "' for " + dataset.name()
                    + "; expected train, devel, test or train_dev");
        }
        List<Path> folders = dataset.candidateFolders(dataRoot);
        String layout = "<dataRoot>/" + dataset.folder() + "-IOB/<split>.tsv (MTL-Bioinformatics-2016) or <dataRoot>/"
                + dataset.folder() + "/<split>.tsv (BioBERT)";
        List<Path> present = folders.stream().filter(Files::isDirectory).toList();
        if (present.isEmpty()) {
            throw new DataFormatException(folders.get(0) + " (or " + folders.get(1) + "): " + dataset.name()
                    + " folder not found; expected the layout " + layout);
        }
        for (Path folder : present) {
            Path file = folder.resolve(split + ".tsv");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        Path file = present.get(0).resolve(split + ".tsv");
        throw new DataFormatException(file + ": split file not found; expected the layout " + layout
                + ", the folder holds " + tsvFiles(present.get(0)));
    }

    private static DataFormatException bad(Path file, int lineNumber, String problem) {
        return new DataFormatException(file + ":" + lineNumber + ": " + problem + "; " + EXPECTED_LINE);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static List<String> tsvFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
