package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minialbert.api.DataFormatException;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.engine.OfflineEngine;

/** Inputs that do not fit the embedding tables fail with a message, not a native crash. */
class EncoderInputChecksTest {
    private static NDManager manager;
    private static EncoderModel model;

    @BeforeAll
    static void start() {
        manager = OfflineEngine.newManager();
        model = ModelFactory.fromClasspath().create(TinyModels.student(Map.of()), HeadKind.NONE, 0, manager);
    }

    @AfterAll
    static void stop() {
        model.close();
        manager.close();
    }

    @Test
    void tokenIdOutOfVocabulary() {
        try (NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = EncoderInputs.of(step, new long[] {2, 100, 3}, new long[] {1, 1, 1}, new long[3], 1, 3);
            assertThatThrownBy(() -> model.encode(inputs, ForwardContext.EVAL))
                    .isInstanceOf(DataFormatException.class).hasMessageContaining("token id 100 is out of range [0, 100)");
        }
    }

    @Test
    void negativeTokenTypeId() {
        try (NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = EncoderInputs.of(step, new long[] {2, 5, 3}, new long[] {1, 1, 1},
                    new long[] {0, -1, 0}, 1, 3);
            assertThatThrownBy(() -> model.encode(inputs, ForwardContext.EVAL))
                    .isInstanceOf(DataFormatException.class).hasMessageContaining("token type id -1");
        }
    }

    @Test
    void sequenceLongerThanThePositionTable() {
        try (NDManager step = manager.newSubManager()) {
            EncoderInputs inputs = EncoderInputs.of(step, new long[41], new long[41], new long[41], 1, 41);
            assertThatThrownBy(() -> model.encode(inputs, ForwardContext.EVAL))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("41 tokens is longer than the position table (40 positions)");
        }
    }
}
