package org.minialbert.core.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minialbert.api.CheckpointException;

/**
 * The weights of an ONNX file exported ({@code torch.onnx.export}) from a Hugging Face {@code BertModel},
 * under their PyTorch state-dict names, plus the {@code config.json} keys that the graph reveals.
 *
 * <p>The protobuf wire format is walked directly with {@link CodedInputStream}; only the few fields of
 * {@code onnx.proto} that matter here are read. Initializers already named like a {@code BertModel}
 * parameter ({@code embeddings.*}, {@code encoder.layer.N.*}, {@code pooler.*}, an optional {@code bert.}
 * prefix dropped) are kept as they are. The linear weights, which the exporter stores as anonymous
 * {@code (in, out)} initializers feeding a {@code MatMul} node such as
 * {@code /encoder/layer.0/attention/self/query/MatMul}, are named after that node and transposed to
 * PyTorch's {@code (out, in)} layout as F32. Every other initializer (position ids, slice bounds) is
 * skipped. Files keeping their tensors in external data are refused.
 */
public final class OnnxBertExport {

    private static final Pattern HF_PARAMETER =
            Pattern.compile("(?:bert\\.)?((?:embeddings|encoder\\.layer\\.\\d+|pooler)\\.[\\w.]+\\.(?:weight|bias))");
    private static final Pattern LINEAR_MATMUL = Pattern.compile("/(encoder/layer\\.\\d+/(?:attention/self/"
            + "(?:query|key|value)|attention/output/dense|intermediate/dense|output/dense)|pooler/dense)/MatMul");
    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");
    private static final String HEADS_RESHAPE = "/encoder/layer.0/attention/self/Reshape";
    private static final String EPS_CONSTANT = "/embeddings/LayerNorm/Constant_1";
    private static final String ACT_PREFIX = "/encoder/layer.0/intermediate/";
    private static final double DEFAULT_EPS = 1e-12;

    private final Map<String, TensorData> weights;
    private final Map<String, Object> inferredConfig;

    private OnnxBertExport(Map<String, TensorData> weights, Map<String, Object> inferredConfig) {
        this.weights = Collections.unmodifiableMap(weights);
        this.inferredConfig = Collections.unmodifiableMap(inferredConfig);
    }

    /** Reads {@code file}; any unreadable or unsupported file raises a {@link CheckpointException} naming it. */
    public static OnnxBertExport read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(file + ": ONNX files over 2 GB keep their weights as external"
                        + " data, which is not supported; re-export with the weights embedded");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read the ONNX file: " + e, e);
        }
        return read(bytes, file.toString());
    }

    /** Reads an ONNX model held in {@code bytes}; {@code sourceName} names it in error messages. */
    public static OnnxBertExport read(byte[] bytes, String sourceName) {
        Graph graph = parse(bytes, sourceName);
        Map<String, TensorData> weights = new Extraction(graph, sourceName).weights();
        return new OnnxBertExport(weights, inferConfig(graph, weights, sourceName));
    }

    /** The {@code BertModel} parameters by state-dict name (no {@code bert.} prefix), in file order. */
    public Map<String, TensorData> weights() {
        return weights;
    }

    /** Hugging Face {@code config.json} keys read off the graph; {@code num_attention_heads} may be missing. */
    public Map<String, Object> inferredConfig() {
        return inferredConfig;
    }

    // ---------------------------------------------------------------- the parts of onnx.proto we read

    /** A TensorProto: data either aliases the file ({@code raw_data}) or was rebuilt from the typed fields. */
    private record Tensor(String name, long[] dims, int dataType, ByteBuffer raw, ByteArrayOutputStream typed,
            boolean external) {
    }

    /** A NodeProto; {@code attributes} maps a name to its Tensor ({@code t}), Long ({@code i}) or Float ({@code f}). */
    private record Node(String name, String opType, List<String> inputs, List<String> outputs,
            Map<String, Object> attributes) {
    }

    private record Graph(List<Node> nodes, List<Tensor> initializers) {
    }

    private static Graph parse(byte[] bytes, String sourceName) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            Graph graph = new Graph(new ArrayList<>(), new ArrayList<>());
            boolean sawGraph = false;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == ((7 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    readGraph(in, bytes, graph);
                    sawGraph = true;
                } else {
                    in.skipField(tag);
                }
            }
            if (!sawGraph) {
                throw new IOException("it has no graph (ModelProto field 7)");
            }
            return graph;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(sourceName + ": not a readable ONNX model: " + e.getMessage(), e);
        }
    }

    private static void readGraph(CodedInputStream in, byte[] bytes, Graph graph) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> graph.nodes().add(readNode(in, bytes));
                case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> graph.initializers().add(readTensor(in, bytes));
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
    }

    private static Node readNode(CodedInputStream in, byte[] bytes) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Object> attributes = new HashMap<>();
        String name = "";
        String opType = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> opType = in.readString();
                case 5 -> readAttribute(in, bytes, attributes);
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        // a BertFor... export nests the encoder under /bert/; BertModel's own names are wanted
        String module = name.startsWith("/bert/") ? name.substring("/bert".length()) : name;
        return new Node(module, opType, inputs, outputs, attributes);
    }

    private static void readAttribute(CodedInputStream in, byte[] bytes, Map<String, Object> attributes)
            throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String name = "";
        Object value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> name = in.readString();
                case (2 << 3) | WireFormat.WIRETYPE_FIXED32 -> value = in.readFloat();
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> value = in.readInt64();
                case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> value = readTensor(in, bytes);
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (value != null) {
            attributes.put(name, value);
        }
    }

    private static Tensor readTensor(CodedInputStream in, byte[] bytes) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        List<Long> dims = new ArrayList<>();
        String name = "";
        int dataType = 0;
        ByteBuffer raw = null;
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        boolean external = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case 1 -> readRepeated(in, tag, () -> dims.add(in.readInt64()));
                case 2 -> dataType = in.readInt32();
                case 4, 5, 7, 10 -> readRepeated(in, tag, () -> appendTyped(in, field, typed));
                case 8 -> name = in.readString();
                case 9 -> raw = aliasBytes(in, bytes);
                case 13 -> {
                    in.skipField(tag);
                    external = true;
                }
                case 14 -> external |= in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new Tensor(name, shape, dataType, raw, typed, external);
    }

    /** The next length-delimited field as a view of the file bytes, without copying. */
    private static ByteBuffer aliasBytes(CodedInputStream in, byte[] bytes) throws IOException {
        int length = in.readRawVarint32();
        int offset = in.getTotalBytesRead();
        in.skipRawBytes(length);
        return ByteBuffer.wrap(bytes, offset, length).slice();
    }

    private interface FieldReader {
        void read() throws IOException;
    }

    /** Reads one value of a repeated scalar field, or all of them when the field is packed. */
    private static void readRepeated(CodedInputStream in, int tag, FieldReader reader) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            reader.read();
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            reader.read();
        }
        in.popLimit(limit);
    }

    /** Appends one float_data / int32_data / int64_data / double_data value, little-endian, 4 or 8 bytes. */
    private static void appendTyped(CodedInputStream in, int field, ByteArrayOutputStream out) throws IOException {
        ByteBuffer value = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        switch (field) {
            case 4 -> value.putFloat(in.readFloat());
            case 5 -> value.putInt(in.readInt32());
            case 7 -> value.putLong(in.readInt64());
            default -> value.putDouble(in.readDouble());
        }
        out.write(value.array(), 0, value.position());
    }

    // ---------------------------------------------------------------- tensors

    private static DataType dataType(int onnxType) {
        return switch (onnxType) {
            case 1 -> DataType.FLOAT32;
            case 6 -> DataType.INT32;
            case 7 -> DataType.INT64;
            case 10 -> DataType.FLOAT16;
            case 11 -> DataType.FLOAT64;
            case 16 -> DataType.BFLOAT16;
            default -> null;
        };
    }

    /** The tensor as a new little-endian buffer of its own type. */
    private static TensorData toTensorData(Tensor tensor, String sourceName) {
        if (tensor.external()) {
            throw new CheckpointException(sourceName + ": tensor " + tensor.name() + " is stored as external data;"
                    + " external-data ONNX files are not supported, re-export the model with the weights embedded");
        }
        DataType type = dataType(tensor.dataType());
        if (type == null) {
            throw new CheckpointException(sourceName + ": tensor " + tensor.name() + " has ONNX data_type "
                    + tensor.dataType() + "; supported are FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT32 and INT64");
        }
        try {
            return new TensorData(type, new Shape(tensor.dims()), copyOfData(tensor, type));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(sourceName + ": tensor " + tensor.name() + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer copyOfData(Tensor tensor, DataType type) {
        ByteBuffer source = tensor.raw() != null ? tensor.raw().duplicate()
                : ByteBuffer.wrap(tensor.typed().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        if (tensor.raw() == null && type.getNumOfBytes() == 2) {
            source = narrowInt32ToInt16(source);
        }
        ByteBuffer copy = ByteBuffer.allocate(source.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        return copy.put(source).flip();
    }

    /** FLOAT16 and BFLOAT16 values sit in int32_data, one 16-bit pattern per int. */
    private static ByteBuffer narrowInt32ToInt16(ByteBuffer ints) {
        ByteBuffer shorts = ByteBuffer.allocate(ints.remaining() / 2).order(ByteOrder.LITTLE_ENDIAN);
        while (ints.remaining() >= 4) {
            shorts.putShort((short) ints.getInt());
        }
        return shorts.flip();
    }

    /** The (in, out) matrix of a MatMul as PyTorch's (out, in), F32. */
    private static TensorData transpose(TensorData matrix) {
        long[] dims = matrix.shape().getShape();
        int rows = Math.toIntExact(dims[0]);
        int cols = Math.toIntExact(dims[1]);
        float[] values = matrix.toFloats();
        ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out.putFloat(values[r * cols + c]);
            }
        }
        return new TensorData(DataType.FLOAT32, new Shape(cols, rows), out.flip());
    }

    // ---------------------------------------------------------------- weights

    /** Picks the BertModel parameters out of a parsed graph. */
    private static final class Extraction {
        private final Graph graph;
        private final String sourceName;
        private final Map<String, Node> matMulByWeight = new HashMap<>();

        Extraction(Graph graph, String sourceName) {
            this.graph = graph;
            this.sourceName = sourceName;
            for (Node node : graph.nodes()) {
                if (node.opType().equals("MatMul") && node.inputs().size() == 2) {
                    matMulByWeight.putIfAbsent(node.inputs().get(1), node);
                }
            }
        }

        Map<String, TensorData> weights() {
            Map<String, TensorData> weights = new LinkedHashMap<>();
            for (Tensor tensor : graph.initializers()) {
                Matcher parameter = HF_PARAMETER.matcher(tensor.name());
                Node matMul = matMulByWeight.get(tensor.name());
                if (parameter.matches()) {
                    put(weights, parameter.group(1), toTensorData(tensor, sourceName));
                } else if (matMul != null) {
                    put(weights, linearWeightName(matMul), linearWeight(tensor));
                }
            }
            return weights;
        }

        private void put(Map<String, TensorData> weights, String name, TensorData tensor) {
            if (weights.put(name, tensor) != null) {
                throw new CheckpointException(sourceName + ": two initializers give parameter " + name);
            }
        }

        private String linearWeightName(Node matMul) {
            Matcher linear = LINEAR_MATMUL.matcher(matMul.name());
            if (!linear.matches()) {
                throw new CheckpointException(sourceName + ": MatMul node '" + matMul.name() + "' multiplies by"
                        + " initializer " + matMul.inputs().get(1) + " but is not a BertModel linear layer"
                        + " (expected a name like /encoder/layer.0/attention/self/query/MatMul)");
            }
            return linear.group(1).replace('/', '.') + ".weight";
        }

        private TensorData linearWeight(Tensor tensor) {
            TensorData data = toTensorData(tensor, sourceName);
            if (tensor.dims().length != 2) {
                throw new CheckpointException(sourceName + ": MatMul weight " + tensor.name() + " has shape "
                        + data.shape() + "; a linear layer's weight must be a matrix");
            }
            return transpose(data);
        }
    }

    // ---------------------------------------------------------------- config.json

    private static Map<String, Object> inferConfig(Graph graph, Map<String, TensorData> weights, String sourceName) {
        TensorData words = weights.get("embeddings.word_embeddings.weight");
        if (words == null || words.shape().dimension() != 2) {
            throw new CheckpointException(sourceName + ": not a BertModel export: it has no 2-D initializer"
                    + " embeddings.word_embeddings.weight");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_type", "bert");
        config.put("vocab_size", Math.toIntExact(words.shape().get(0)));
        config.put("hidden_size", Math.toIntExact(words.shape().get(1)));
        putDim(config, "max_position_embeddings", weights.get("embeddings.position_embeddings.weight"));
        putDim(config, "type_vocab_size", weights.get("embeddings.token_type_embeddings.weight"));
        config.put("num_hidden_layers", layerCount(weights));
        putDim(config, "intermediate_size", weights.get("encoder.layer.0.intermediate.dense.weight"));
        headCount(graph, producers(graph), sourceName).ifPresent(heads -> config.put("num_attention_heads", heads));
        config.put("layer_norm_eps", layerNormEps(graph, sourceName));
        config.put("hidden_act", hiddenAct(graph));
        return config;
    }

    private static void putDim(Map<String, Object> config, String key, TensorData tensor) {
        if (tensor != null) {
            config.put(key, Math.toIntExact(tensor.shape().get(0)));
        }
    }

    private static int layerCount(Map<String, TensorData> weights) {
        TreeSet<Integer> layers = new TreeSet<>();
        for (String name : weights.keySet()) {
            Matcher layer = LAYER.matcher(name);
            if (layer.matches()) {
                layers.add(Integer.parseInt(layer.group(1)));
            }
        }
        return layers.size();
    }

    private static Map<String, Node> producers(Graph graph) {
        Map<String, Node> producers = new HashMap<>();
        for (Node node : graph.nodes()) {
            node.outputs().forEach(output -> producers.put(output, node));
        }
        return producers;
    }

    private static Optional<Node> node(Graph graph, String name) {
        return graph.nodes().stream().filter(node -> node.name().equals(name)).findFirst();
    }

    /** Layer 0 reshapes the keys to (batch, seq, heads, head size); the head count is a constant there. */
    private static Optional<Integer> headCount(Graph graph, Map<String, Node> producers, String sourceName) {
        return node(graph, HEADS_RESHAPE)
                .filter(reshape -> reshape.inputs().size() == 2)
                .map(reshape -> producers.get(reshape.inputs().get(1)))
                .filter(concat -> concat.opType().equals("Concat") && concat.inputs().size() == 4)
                .map(concat -> producers.get(concat.inputs().get(2)))
                .flatMap(constant -> constantScalar(constant, sourceName))
                .filter(heads -> heads instanceof Long count && count > 0 && count <= Integer.MAX_VALUE)
                .map(Number::intValue);
    }

    private static double layerNormEps(Graph graph, String sourceName) {
        return node(graph, EPS_CONSTANT)
                .flatMap(constant -> constantScalar(constant, sourceName))
                .filter(eps -> eps instanceof Float)
                // the float's shortest decimal form, so that 1e-12f reads back as 1e-12
                .map(eps -> Double.parseDouble(eps.toString()))
                .orElse(DEFAULT_EPS);
    }

    /** The one value of a Constant node ({@code value}, {@code value_int} or {@code value_float}): Long or Float. */
    private static Optional<Number> constantScalar(Node node, String sourceName) {
        Map<String, Object> attributes = node.attributes();
        Object value = attributes.getOrDefault("value", attributes.getOrDefault("value_int",
                attributes.get("value_float")));
        if (!node.opType().equals("Constant") || value == null) {
            return Optional.empty();
        }
        return value instanceof Tensor tensor ? tensorScalar(tensor, sourceName) : Optional.of((Number) value);
    }

    private static Optional<Number> tensorScalar(Tensor tensor, String sourceName) {
        DataType type = dataType(tensor.dataType());
        if (type == null || tensor.external()) {
            return Optional.empty();
        }
        TensorData data = toTensorData(tensor, sourceName);
        if (data.shape().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(type.isInteger() ? (Number) data.toLongs()[0] : (Number) data.toFloats()[0]);
    }

    private static String hiddenAct(Graph graph) {
        List<String> ops = graph.nodes().stream()
                .filter(node -> node.name().startsWith(ACT_PREFIX))
                .map(Node::opType)
                .toList();
        return !ops.contains("Erf") && ops.contains("Tanh") ? "gelu_new" : "gelu";
    }
}
