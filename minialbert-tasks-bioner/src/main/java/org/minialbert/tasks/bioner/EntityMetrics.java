package org.minialbert.tasks.bioner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Entity-level precision, recall and F1 of predicted IOB tag sequences against gold ones, as seqeval
 * computes them, and token accuracy. An entity is (sentence, start, end, type); a predicted entity
 * counts only when one gold entity has the same sentence, start, end and type. Scores are
 * micro-averaged over all entities: precision = correct / predicted, recall = correct / gold,
 * F1 = 2 P R / (P + R), each 0 where its denominator is 0 (seqeval's {@code zero_division=0}).
 *
 * <p>Keys of {@link #compute}, in this order:
 * <ul>
 *   <li>{@code precision}, {@code recall}, {@code f1}: seqeval's default mode, which extracts entities
 *       as CoNLL's {@code conlleval} script does. Entities never cross a sentence boundary. A chunk
 *       starts at {@code B-X}, and at {@code I-X} when the previous tag is {@code O} or has another
 *       type (so {@code O I-X} is an entity); it ends before {@code O}, before any {@code B-} and
 *       before a tag of another type ({@code B-A I-B} is two entities); one still open at the end of
 *       the sentence is closed there.</li>
 *   <li>{@code strict.precision}, {@code strict.recall}, {@code strict.f1}: seqeval's
 *       {@code mode="strict", scheme=IOB2}: only {@code B-X I-X*} (maximal) is an entity; an
 *       {@code I-X} that does not continue a {@code B-X}/{@code I-X} of type X starts nothing and
 *       contributes no entity.</li>
 *   <li>{@code accuracy}: fraction of words whose predicted tag equals the gold tag (0 with no words).</li>
 *   <li>{@code precision.<TYPE>}, {@code recall.<TYPE>}, {@code f1.<TYPE>} (default mode) for each type
 *       among the gold and predicted entities, types in {@link String#compareTo} order; a type that
 *       is only predicted scores 0.</li>
 * </ul>
 * No entity at all gives 0 for precision, recall and F1.
 */
public final class EntityMetrics {

    /** One entity: words {@code start} (inclusive) to {@code end} (exclusive) of sentence {@code sentence}. */
    record Entity(int sentence, int start, int end, String type) {
    }

    /** Entity counts of one comparison. */
    private record Counts(long correct, long predicted, long gold) {
        double precision() {
            return predicted == 0 ? 0.0 : (double) correct / predicted;
        }

        double recall() {
            return gold == 0 ? 0.0 : (double) correct / gold;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }
    }

    private EntityMetrics() {
    }

    /**
     * The metrics listed in the class description.
     *
     * @param gold gold tag sequences, one per sentence
     * @param predicted predicted tag sequences, as many as {@code gold} and each as long as its gold one
     * @throws IllegalArgumentException when the sentence counts or a sentence's lengths differ, or a tag
     *     is not {@code O}, {@code B-<type>} or {@code I-<type>}
     */
    public static Map<String, Double> compute(List<List<String>> gold, List<List<String>> predicted) {
        checkShapes(gold, predicted);
        long words = 0;
        long correctWords = 0;
        for (int s = 0; s < gold.size(); s++) {
            for (int i = 0; i < gold.get(s).size(); i++) {
                correctWords += gold.get(s).get(i).equals(predicted.get(s).get(i)) ? 1 : 0;
            }
            words += gold.get(s).size();
        }
        List<Entity> goldEntities = entities(gold, EntityMetrics::conllEntities);
        List<Entity> predictedEntities = entities(predicted, EntityMetrics::conllEntities);
        Map<String, Double> results = new LinkedHashMap<>();
        put(results, "", count(goldEntities, predictedEntities));
        Counts strict = count(entities(gold, EntityMetrics::strictEntities),
                entities(predicted, EntityMetrics::strictEntities));
        put(results, "strict.", strict);
        results.put("accuracy", words == 0 ? 0.0 : (double) correctWords / words);
        Set<String> types = new TreeSet<>();
        goldEntities.forEach(e -> types.add(e.type()));
        predictedEntities.forEach(e -> types.add(e.type()));
        for (String type : types) {
            Counts counts = count(ofType(goldEntities, type), ofType(predictedEntities, type));
            results.put("precision." + type, counts.precision());
            results.put("recall." + type, counts.recall());
            results.put("f1." + type, counts.f1());
        }
        return Collections.unmodifiableMap(results);
    }

    /** The entities of one sentence in seqeval's default (conlleval) mode; tags must be valid IOB tags. */
    static List<Entity> conllEntities(int sentence, List<String> tags) {
        List<Entity> entities = new ArrayList<>();
        char previousPrefix = 'O';
        String previousType = "";
        int begin = 0;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : IobLabels.OUTSIDE;
            char prefix = tag.charAt(0);
            String type = prefix == 'O' ? "" : IobLabels.type(tag);
            boolean typeChanges = !type.equals(previousType);
            if (previousPrefix != 'O' && (prefix != 'I' || typeChanges)) {
                entities.add(new Entity(sentence, begin, i, previousType));
            }
            if (prefix == 'B' || (prefix == 'I' && (previousPrefix == 'O' || typeChanges))) {
                begin = i;
            }
            previousPrefix = prefix;
            previousType = type;
        }
        return entities;
    }

    /** The entities of one sentence in seqeval's strict IOB2 mode: maximal {@code B-X I-X*} runs. */
    static List<Entity> strictEntities(int sentence, List<String> tags) {
        List<Entity> entities = new ArrayList<>();
        int i = 0;
        while (i < tags.size()) {
            String tag = tags.get(i);
            if (tag.charAt(0) != 'B') {
                i++;
                continue;
            }
            String inside = "I-" + IobLabels.type(tag);
            int end = i + 1;
            while (end < tags.size() && tags.get(end).equals(inside)) {
                end++;
            }
            entities.add(new Entity(sentence, i, end, IobLabels.type(tag)));
            i = end;
        }
        return entities;
    }

    private static List<Entity> entities(List<List<String>> sentences,
            BiFunction<Integer, List<String>, List<Entity>> extractor) {
        List<Entity> entities = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            entities.addAll(extractor.apply(s, sentences.get(s)));
        }
        return entities;
    }

    private static Counts count(List<Entity> gold, List<Entity> predicted) {
        Set<Entity> goldSet = new HashSet<>(gold);
        long correct = predicted.stream().filter(goldSet::contains).count();
        return new Counts(correct, predicted.size(), gold.size());
    }

    private static List<Entity> ofType(List<Entity> entities, String type) {
        return entities.stream().filter(e -> e.type().equals(type)).toList();
    }

    private static void put(Map<String, Double> results, String prefix, Counts counts) {
        results.put(prefix + "precision", counts.precision());
        results.put(prefix + "recall", counts.recall());
        results.put(prefix + "f1", counts.f1());
    }

    private static void checkShapes(List<List<String>> gold, List<List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold has " + gold.size() + " sentences but predicted has "
                    + predicted.size() + "; expected one predicted tag sequence per gold sentence");
        }
        for (int s = 0; s < gold.size(); s++) {
            if (gold.get(s).size() != predicted.get(s).size()) {
                throw new IllegalArgumentException("sentence " + s + ": gold has " + gold.get(s).size()
                        + " tags but predicted has " + predicted.get(s).size() + "; expected one tag per word");
            }
            checkTags("gold", s, gold.get(s));
            checkTags("predicted", s, predicted.get(s));
        }
    }

    private static void checkTags(String side, int sentence, List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            if (!IobLabels.isValid(tags.get(i))) {
                throw new IllegalArgumentException(side + " sentence " + sentence + ", word " + i + ": tag '"
                        + tags.get(i) + "' is not an IOB tag; expected O, B-<type> or I-<type>");
            }
        }
    }
}
