package org.minialbert.tasks.glue;

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
import org.minialbert.api.task.SentenceExample;

/**
 * Reads one split of a GLUE task from {@code <dataRoot>/<Folder>/<split>.tsv}: UTF-8, a leading BOM
 * dropped, LF or CR LF line ends, a last line with or without newline, fields split on TAB only (no
 * quote handling: GLUE fields may start with an unmatched {@code "}) and stripped of surrounding
 * blanks; blank lines are skipped. {@link SentenceExample#index()} is the 0-based position of the row
 * among the file's data rows (malformed rows included, header and blank lines not).
 */
final class GlueTsvReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SPLIT_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String DOWNLOAD = "download glue_data with the official script (download_glue_data.py)";

    /** The good rows of {@code file}, and how many malformed rows were left out (only with skipBadRows). */
    record Result(Path file, List<SentenceExample> examples, int skipped, String firstProblem) {
    }

    private final GlueTaskSpec spec;

    GlueTsvReader(GlueTaskSpec spec) {
        this.spec = spec;
    }

    Result read(Path dataRoot, String split, boolean skipBadRows) {
        Path file = locate(dataRoot, split);
        List<SentenceExample> examples = new ArrayList<>();
        int skipped = 0;
        String firstProblem = null;
        int expectedColumns = spec.layout().header() ? -1 : spec.layout().columns();
        int rows = 0;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (expectedColumns < 0) {
                    expectedColumns = headerColumns(file, lineNumber, fields);
                    continue;
                }
                try {
                    examples.add(parseRow(file, lineNumber, rows, fields, expectedColumns));
                } catch (DataFormatException e) {
                    if (!skipBadRows) {
                        throw e;
                    }
                    skipped++;
                    firstProblem = firstProblem == null ? e.getMessage() : firstProblem;
                }
                rows++;
            }
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file + ": not UTF-8 text (somewhere after line " + lineNumber
                    + "); expected a UTF-8 TSV file", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read (" + e + "); expected a readable TSV file", e);
        }
        if (examples.isEmpty()) {
            String what = skipped > 0 ? "no usable data rows (" + skipped + " malformed rows skipped, first: "
                    + firstProblem + ")" : "no data rows";
            throw new DataFormatException(file + ": " + what + "; expected " + (spec.layout().header()
                    ? "a header line and " : "") + "at least one TAB-separated row of the GLUE " + spec.folder()
                    + " layout");
        }
        return new Result(file, List.copyOf(examples), skipped, firstProblem);
    }

    private Path locate(Path dataRoot, String split) {
        if (split == null || !SPLIT_NAME.matcher(split).matches()) {
            throw new ConfigurationException("split name '" + split + "' for " + spec.name()
                    + "; expected a file name without extension such as train or " + spec.evaluationSplits().get(0));
        }
        Path folder = dataRoot.resolve(spec.folder());
        String layout = "<dataRoot>/" + spec.folder() + "/<split>.tsv (here " + folder.resolve(split + ".tsv") + ")";
        if (!Files.isDirectory(folder)) {
            throw new DataFormatException(folder + ": GLUE task folder not found; expected the glue_data layout "
                    + layout + "; " + DOWNLOAD);
        }
        Path file = folder.resolve(split + ".tsv");
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": split file not found; expected the glue_data layout " + layout
                    + ", the folder holds " + tsvFiles(folder) + "; " + DOWNLOAD);
        }
        return file;
    }

    private int headerColumns(Path file, int lineNumber, String[] header) {
        TsvLayout layout = spec.layout();
        if (header.length < layout.minimumColumns()) {
            throw bad(file, lineNumber, "header has " + header.length + " TAB-separated columns",
                    "expected at least " + layout.minimumColumns() + " (the GLUE " + spec.folder() + " header)");
        }
        List<Integer> columns = layout.usedColumns(header.length);
        for (int k = 0; k < columns.size(); k++) {
            String name = header[columns.get(k)].strip();
            if (!name.equals(layout.names().get(k))) {
                throw bad(file, lineNumber, "header column " + (columns.get(k) + 1) + " is '" + name + "'",
                        "expected '" + layout.names().get(k) + "' (the GLUE " + spec.folder() + " header)");
            }
        }
        return header.length;
    }

    private SentenceExample parseRow(Path file, int lineNumber, int index, String[] fields, int expectedColumns) {
        if (fields.length != expectedColumns) {
            String source = spec.layout().header() ? " as in the header" : " as in GLUE " + spec.folder();
            throw bad(file, lineNumber, "row has " + fields.length + " TAB-separated columns",
                    "expected " + expectedColumns + source);
        }
        TsvLayout layout = spec.layout();
        int labelColumn = layout.labelColumn(fields.length);
        String value = fields[labelColumn].strip();
        double label = spec.isRegression() ? score(file, lineNumber, labelColumn, value)
                : classIndex(file, lineNumber, labelColumn, value);
        String second = layout.second() == TsvLayout.NONE ? null : fields[layout.second()].strip();
        return new SentenceExample(index, fields[layout.first()].strip(), second, label);
    }

    private double classIndex(Path file, int lineNumber, int column, String value) {
        int index = spec.labelValues().indexOf(value);
        if (index < 0) {
            throw bad(file, lineNumber, "unknown label '" + value + "' in column " + (column + 1),
                    "expected one of " + spec.labelValues());
        }
        return index;
    }

    private double score(Path file, int lineNumber, int column, String value) {
        double score = NUMBER.matcher(value).matches() ? Double.parseDouble(value) : Double.NaN;
        if (!(score >= GlueTaskSpec.MIN_SCORE && score <= GlueTaskSpec.MAX_SCORE)) {
            throw bad(file, lineNumber, "score '" + value + "' in column " + (column + 1) + " is not a valid score",
                    "expected a decimal number from " + GlueTaskSpec.MIN_SCORE + " to " + GlueTaskSpec.MAX_SCORE);
        }
        return score;
    }

    private static DataFormatException bad(Path file, int lineNumber, String problem, String expected) {
        return new DataFormatException(file + ":" + lineNumber + ": " + problem + "; " + expected);
    }

    private static List<String> tsvFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
