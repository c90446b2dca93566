package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.minialbert.api.ConfigurationException;

class LayerMappingTest {

    @Test
    void referenceMapsIterationIToTeacherLayer2iPlus1() {
        assertThat(LayerMapping.reference(6).validate(6, 12).teacherLayers()).containsExactly(1, 3, 5, 7, 9, 11);
        assertThat(LayerMapping.reference(2).validate(2, 4).teacherLayer(1)).isEqualTo(3);
    }

    @Test
    void rejectsMoreIterationsThanTeacherLayers() {
        assertThatThrownBy(() -> LayerMapping.of(0, 1, 2).validate(3, 2))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("N <= L");
    }

    @Test
    void rejectsAnIndexOutsideTheTeacher() {
        assertThatThrownBy(() -> LayerMapping.reference(4).validate(4, 6))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("iteration 3").hasMessageContaining("teacher layer 7").hasMessageContaining("0..5");
        assertThatThrownBy(() -> LayerMapping.of(-1).validate(1, 4)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void rejectsAMappingOfTheWrongLength() {
        assertThatThrownBy(() -> LayerMapping.of(1).validate(2, 4))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("2 iterations");
    }
}
