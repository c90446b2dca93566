package org.minialbert.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.ConfigurationException;

/** Which linear kernel is used for a value of the system property and the providers on the classpath. */
class InstalledLinearKernelTest {
    private static final LinearKernel FIRST = (x, weight, bias) -> x;
    private static final LinearKernel SECOND = (x, weight, bias) -> weight;

    @Test
    void theEngineOperatorWithoutProvidersOrWhenAskedFor() {
        assertThat(InstalledLinearKernel.choose(null, List.of())).isSameAs(LinearKernel.ENGINE_OPERATOR);
        assertThat(InstalledLinearKernel.choose("engine", List.of(FIRST))).isSameAs(LinearKernel.ENGINE_OPERATOR);
    }

    @Test
    void theOneProvider() {
        assertThat(InstalledLinearKernel.choose(null, List.of(FIRST))).isSameAs(FIRST);
    }

    @Test
    void twoProvidersAreAnError() {
        assertThatThrownBy(() -> InstalledLinearKernel.choose(null, List.of(FIRST, SECOND)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("more than one linear kernel")
                .hasMessageContaining(FIRST.getClass().getName());
    }

    @Test
    void anUnknownPropertyValueIsAnErrorWithOrWithoutProviders() {
        for (List<LinearKernel> providers : List.of(List.of(FIRST), List.<LinearKernel>of())) {
            assertThatThrownBy(() -> InstalledLinearKernel.choose("mkl", providers))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("minialbert.linear-kernel")
                    .hasMessageContaining("'mkl'");
        }
    }
}
