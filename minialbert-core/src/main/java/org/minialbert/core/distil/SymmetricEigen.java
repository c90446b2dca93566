package org.minialbert.core.distil;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, in double precision.
 * Used for the best rank-E approximation of a teacher's embedding table W (V × H): the top
 * eigenvectors of WᵀW span the leading right singular vectors (Eckart–Young).
 */
final class SymmetricEigen {
    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code matrix} (n × n, symmetric; not modified). */
    static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100 && offDiagonal(a) > 1e-22 * Math.max(1, diagonal(a)); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    private static void rotate(double[][] a, double[][] v, int p, int q) {
        if (Math.abs(a[p][q]) < 1e-300) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                sum += i == j ? 0 : a[i][j] * a[i][j];
            }
        }
        return sum;
    }

    private static double diagonal(double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i][i] * a[i][i];
        }
        return sum;
    }

    /** The eigenvectors of the {@code count} largest eigenvalues, one per row ({@code count} × n). */
    double[][] leading(int count) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[][] rows = new double[count][values.length];
        for (int r = 0; r < count; r++) {
            for (int k = 0; k < values.length; k++) {
                rows[r][k] = vectors[k][order[r]];
            }
        }
        return rows;
    }

    double[] values() {
        return values.clone();
    }
}
