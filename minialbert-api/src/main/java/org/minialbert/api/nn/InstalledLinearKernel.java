package org.minialbert.api.nn;

import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link LinearKernel} once, on first use. */
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
                    kernel = choose(System.getProperty(PROPERTY),
                            ServiceLoader.load(LinearKernel.class).stream().map(ServiceLoader.Provider::get).toList());
                }
                found = kernel;
            }
        }
        return found;
    }

    /** The kernel for a value of the property and the providers found. */
    static LinearKernel choose(String property, List<LinearKernel> providers) {
        if (ENGINE.equals(property) || providers.isEmpty()) {
            return LinearKernel.ENGINE_OPERATOR;
        }
        if (property != null) {
            throw new IllegalStateException("system property " + PROPERTY + " takes only '" + ENGINE
                    + "' (the engine's own linear operator), not '" + property + "'");
        }
        if (providers.size() > 1) {
            throw new IllegalStateException("more than one linear kernel on the classpath: "
                    + providers.stream().map(p -> p.getClass().getName()).toList() + "; keep one jar that provides "
                    + LinearKernel.class.getName());
        }
        return providers.get(0);
    }
}
