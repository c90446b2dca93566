package org.minialbert.core.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minialbert.api.CheckpointException;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to {@code dtype}, {@code shape} and {@code data_offsets}, then the raw little-endian data.
 * Files are written to a temporary file in the same folder and renamed, so a reader never sees a
 * half-written file.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {
    }

    /** Reads every tensor of {@code file}, in header order. */
    public static Map<String, TensorData> read(Path file) {
        ByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": file not found");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(buffer.order(ByteOrder.LITTLE_ENDIAN), file.toString());
    }

    private static Map<String, TensorData> parse(ByteBuffer buffer, String source) {
        if (buffer.remaining() < 8) {
            throw new CheckpointException(source + ": not a safetensors file (shorter than 8 bytes)");
        }
        long headerLength = buffer.getLong(0);
        if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > buffer.capacity()) {
            throw new CheckpointException(source + ": not a safetensors file (header length "
                    + headerLength + " does not fit a file of " + buffer.capacity() + " bytes)");
        }
        byte[] header = new byte[(int) headerLength];
        buffer.get(8, header);
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (IOException e) {
            throw new CheckpointException(source + ": safetensors header is not valid JSON: " + e.getMessage(), e);
        }
        long dataStart = 8 + headerLength;
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().equals("__metadata__")) {
                tensors.put(entry.getKey(), tensor(buffer, dataStart, entry.getKey(), entry.getValue(), source));
            }
        }
        return tensors;
    }

    private static TensorData tensor(ByteBuffer buffer, long dataStart, String name, JsonNode spec, String source) {
        DataType dataType = dataType(spec.path("dtype").asText(), name, source);
        JsonNode dims = spec.path("shape");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong();
        }
        long begin = dataStart + spec.path("data_offsets").path(0).asLong(-1);
        long end = dataStart + spec.path("data_offsets").path(1).asLong(-1);
        long expected = new Shape(shape).size() * dataType.getNumOfBytes();
        if (begin < dataStart || end > buffer.capacity() || end - begin != expected) {
            throw new CheckpointException(source + ": tensor '" + name + "' has data offsets that do not "
                    + "match its shape and dtype (file truncated or corrupt)");
        }
        ByteBuffer slice = buffer.duplicate().position((int) begin).limit((int) end).slice();
        return new TensorData(dataType, new Shape(shape), slice);
    }

    private static DataType dataType(String code, String name, String source) {
        switch (code) {
            case "F32": return DataType.FLOAT32;
            case "F64": return DataType.FLOAT64;
            case "F16": return DataType.FLOAT16;
            case "BF16": return DataType.BFLOAT16;
            case "I64": return DataType.INT64;
            case "I32": return DataType.INT32;
            case "BOOL": return DataType.BOOLEAN;
            case "U8": return DataType.UINT8;
            case "I8": return DataType.INT8;
            default:
                throw new CheckpointException(source + ": tensor '" + name + "' has unsupported dtype " + code
                        + "; supported: F32, F64, F16, BF16, I64, I32, BOOL, U8, I8");
        }
    }

    private static String code(DataType dataType) {
        switch (dataType) {
            case FLOAT32: return "F32";
            case FLOAT64: return "F64";
            case FLOAT16: return "F16";
            case BFLOAT16: return "BF16";
            case INT64: return "I64";
            case INT32: return "I32";
            case BOOLEAN: return "BOOL";
            case UINT8: return "U8";
            case INT8: return "I8";
            default: throw new IllegalArgumentException("cannot store " + dataType + " in safetensors");
        }
    }

    /** Writes {@code tensors} (in map order) atomically to {@code file}. */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        try {
            AtomicFiles.write(file, out -> {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
                out.write(header);
                for (TensorData tensor : tensors.values()) {
                    ByteBuffer data = tensor.bytes().duplicate();
                    byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    out.write(chunk);
                }
            });
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static byte[] header(Map<String, TensorData> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
            TensorData tensor = entry.getValue();
            ObjectNode spec = root.putObject(entry.getKey());
            spec.put("dtype", code(tensor.dataType()));
            ArrayNode shape = spec.putArray("shape");
            for (long dim : tensor.shape().getShape()) {
                shape.add(dim);
            }
            long size = tensor.bytes().remaining();
            spec.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        try {
            byte[] json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) / 8 * 8;
            byte[] header = new byte[padded];
            java.util.Arrays.fill(header, (byte) ' ');
            System.arraycopy(json, 0, header, 0, json.length);
            return header;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
