package org.minialbert.api.nn;

import java.util.List;
import java.util.ServiceLoader;
import org.minialbert.api.ConfigurationException;

/**
 * Finds the {@link LinearKernel} on first use, with this library's class loader, and keeps it; when
 * the choice fails, every use fails with the same message.
 */
final class InstalledLinearKernel {
    /** The system property that, set to {@value #ENGINE}, keeps the engine's own operator. */
    static final String PROPERTY = "minialbert.linear-kernel";
    static final String ENGINE = "engine";

    private static volatile LinearKernel kernel;

    private InstalledLinearKernel() {
    }

    static LinearKernel get() {
        LinearKernel found = kernel;
        if (found == null) {
            synchronized (InstalledLinearKernel.class) {
                if (kernel == null) {
                    kernel = choose(System.getProperty(PROPERTY), ServiceLoader.load(LinearKernel.class,
                            LinearKernel.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList());
                }
                found = kernel;
            }
        }
        return found;
    }

    /**
     * The kernel for a value of the property and the providers found.
     *
     * @throws ConfigurationException for another value of the property, or more than one provider
     */
    static LinearKernel choose(String property, List<LinearKernel> providers) {
        if (property != null && !ENGINE.equals(property)) {
            throw new ConfigurationException("system property " + PROPERTY + " takes only '" + ENGINE
                    + "' (the engine's own linear operator), not '" + property + "'");
        }
        if (ENGINE.equals(property) || providers.isEmpty()) {
            return LinearKernel.ENGINE_OPERATOR;
        }
        if (providers.size() > 1) {
            throw new ConfigurationException("more than one linear kernel on the classpath: "
                    + providers.stream().map(p -> p.getClass().getName()).toList() + "; keep one jar that provides "
                    + LinearKernel.class.getName());
        }
        return providers.get(0);
    }
}
