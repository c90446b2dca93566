package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.Scalars;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LossRole;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.api.plugin.TeacherMaps;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;

/**
 * The MiniALBERT distillation objective (spec section 4) over the job's loss terms:
 * {@code L = α·Σ MLM + β·(Σ_i λ_i Σ ALIGNMENT_i + Σ EMBEDDING) + γ·Σ OUTPUT}. Every term is reported
 * ({@code loss.<key>}, alignment terms also per pair as {@code loss.<key>.<i>}), as is
 * {@code loss.embedding} when the widths allow it, even when that ablation term is not in the total.
 */
public final class DistillationLoss {
    private final LayerMapping mapping;
    private final LossWeights weights;
    private final List<LossTerm> terms;
    private final LossTerm embeddingReport;
    private final Map<LossTerm, IntPredicate> mapsRead = new IdentityHashMap<>();
    private final IntPredicate teacherMapsKept;

    /**
     * @param embeddingReport the embedding term to report when it is not among {@code terms}, or null
     */
    public DistillationLoss(LayerMapping mapping, LossWeights weights, List<LossTerm> terms, LossTerm embeddingReport) {
        this.mapping = mapping;
        this.weights = weights;
        this.terms = List.copyOf(terms);
        this.embeddingReport = terms.stream().anyMatch(t -> t.role() == LossRole.EMBEDDING) ? null : embeddingReport;
        Set<Integer> mappedLayers = IntStream.range(0, mapping.size()).map(mapping::teacherLayer).boxed()
                .collect(Collectors.toUnmodifiableSet());
        IntPredicate kept = layer -> false;
        for (LossTerm term : allTerms()) {
            IntPredicate read = layersOf(declared(term).teacherMaps(), mappedLayers);
            mapsRead.put(term, read);
            kept = kept.or(read);
        }
        this.teacherMapsKept = kept;
    }

    /**
     * {@code term}, after checking that it declares which teacher maps it reads.
     *
     * @throws ConfigurationException if its {@link LossTerm#teacherMaps()} is null
     */
    static LossTerm declared(LossTerm term) {
        if (term.teacherMaps() == null) {
            throw new ConfigurationException("loss term '" + term.key() + "' (" + term.getClass().getName()
                    + ") declares no teacher maps: its teacherMaps() must return NONE, MAPPED or ALL");
        }
        return term;
    }

    /** The reference objective for these two models: mlm, attention-kl, hidden-cosine, output-kl; α 1, β 3, γ 5. */
    public static DistillationLoss reference(EncoderModel student, EncoderModel teacher) {
        LossShapes shapes = shapes(student, teacher);
        Weights none = new Weights(student.weights().manager(), 0.02f);
        Config defaults = ConfigFactory.parseString("temperature = 1");
        DistillationLoss loss = new DistillationLoss(LayerMapping.reference(student.config().layers()),
                LossWeights.REFERENCE, List.of(
                        new ReferenceLossTerms.Mlm().create(defaults, shapes, none),
                        new ReferenceLossTerms.AttentionKl().create(defaults, shapes, none),
                        new ReferenceLossTerms.HiddenCosine().create(defaults, shapes, none),
                        new ReferenceLossTerms.OutputKl().create(defaults, shapes, none)),
                new ReferenceLossTerms.EmbeddingCosine().create(defaults, shapes, none));
        loss.check(student, teacher);
        return loss;
    }

    /** The widths the loss terms compare. */
    public static LossShapes shapes(EncoderModel student, EncoderModel teacher) {
        return new LossShapes(student.config().hiddenSize(), teacher.config().hiddenSize(),
                student.config().attentionHeads(), teacher.config().attentionHeads());
    }

    public LayerMapping mapping() {
        return mapping;
    }

    public List<LossTerm> terms() {
        return terms;
    }

    /**
     * Checks that the two models can be distilled with this objective: the layer mapping fits, the
     * student has an MLM head, and the teacher has one when a term needs its outputs.
     *
     * @throws ConfigurationException naming the problem
     */
    public void check(EncoderModel student, EncoderModel teacher) {
        mapping.validate(student.config().layers(), teacher.config().layers());
        if (student.head() != HeadKind.MASKED_LM) {
            throw new ConfigurationException("the student needs a masked-LM head for distillation, found " + student.head());
        }
        if (needsTeacherLogits() && teacher.head() != HeadKind.MASKED_LM) {
            throw new ConfigurationException("the teacher has no masked-LM head, so it cannot provide the output-kl "
                    + "(soft MLM) loss; drop output-kl from loss.terms, or use a teacher checkpoint with its MLM head "
                    + "(e.g. an HF BertForMaskedLM directory)");
        }
    }

    /** Whether a term needs the teacher's MLM logits. */
    public boolean needsTeacherLogits() {
        return allTerms().stream().anyMatch(LossTerm::needsTeacherLogits);
    }

    /**
     * Which teacher layers (0-based) must keep their attention maps: those some term reads, by its
     * {@link LossTerm#teacherMaps()} (every layer for {@link TeacherMaps#ALL}, what a term that says
     * nothing gets; the mapped layers g(i) for {@link TeacherMaps#MAPPED}).
     */
    public IntPredicate teacherMapsKept() {
        return teacherMapsKept;
    }

    private static IntPredicate layersOf(TeacherMaps maps, Set<Integer> mappedLayers) {
        return switch (maps) {
            case ALL -> layer -> true;
            case MAPPED -> mappedLayers::contains;
            case NONE -> layer -> false;
        };
    }

    private List<LossTerm> allTerms() {
        return Stream.concat(terms.stream(), Stream.ofNullable(embeddingReport)).toList();
    }

    /**
     * Every term for one batch.
     *
     * @param studentOutputs the student's encoder outputs (computed with the gradient graph)
     */
    public DistillationLosses compute(EncoderModel student, EncoderOutputs studentOutputs, TeacherSignals teacher,
            LossRows rows) {
        BatchSignals batch = new BatchSignals(student, studentOutputs, teacher, rows, mapping);
        Map<String, NDArray> report = new LinkedHashMap<>();
        NDArray total = null;
        for (LossTerm term : terms) {
            batch.readBy(term, mapsRead.get(term));
            NDArray value;
            if (term.role() == LossRole.ALIGNMENT) {
                value = alignment(term, batch, report);
            } else {
                value = term.compute(batch, 0);
                report.put("loss." + term.key(), value);
            }
            NDArray weighted = Scalars.mul(value, (float) weights.of(term.role()));
            total = total == null ? weighted : total.add(weighted);
        }
        if (embeddingReport != null) {
            batch.readBy(embeddingReport, mapsRead.get(embeddingReport));
            report.put(DistillationLosses.EMBEDDING, embeddingReport.compute(batch, 0));
        }
        report.put(DistillationLosses.TOTAL, total);
        return new DistillationLosses(report);
    }

    /**
     * {@code Σ_i λ_i v_i} of an alignment term, recording {@code loss.<key>.<i>} and the plain sum
     * {@code loss.<key>} (the golden files' {@code loss.attention} is the unweighted sum).
     */
    private NDArray alignment(LossTerm term, BatchSignals batch, Map<String, NDArray> report) {
        NDArray sum = null;
        NDArray weighted = null;
        for (int i = 0; i < mapping.size(); i++) {
            NDArray value = term.compute(batch, i);
            report.put(DistillationLosses.perPair("loss." + term.key(), i), value);
            sum = sum == null ? value : sum.add(value);
            NDArray scaled = Scalars.mul(value, (float) weights.lambda(i));
            weighted = weighted == null ? scaled : weighted.add(scaled);
        }
        report.put("loss." + term.key(), sum);
        return weighted;
    }
}
