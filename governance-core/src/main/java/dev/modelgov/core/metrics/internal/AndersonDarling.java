package dev.modelgov.core.metrics.internal;

import java.util.Arrays;

/**
 * The k-sample Anderson–Darling test of Scholz and Stephens (1987), midrank form (ties allowed), with the p-value
 * interpolated from the paper's table of critical values as scipy's {@code anderson_ksamp} does (capped to
 * [0.001, 0.25]). Apache Commons Statistics has no k-sample Anderson–Darling test. For internal use only.
 */
public final class AndersonDarling {

  // Scholz & Stephens (1987), Table 2: the interpolation coefficients of the critical values.
  private static final double[] SIG = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

  private AndersonDarling() {}

  /**
   * Tests whether the samples come from one distribution.
   *
   * @param samples at least two samples, each with at least one value; at least two distinct values in all
   * @return {standardized statistic, p-value}
   */
  public static double[] test(double[]... samples) {
    int k = samples.length;
    if (k < 2) {
      throw new IllegalArgumentException("at least two samples are needed");
    }
    int total = 0;
    double[][] sorted = new double[k][];
    for (int i = 0; i < k; i++) {
      if (samples[i].length == 0) {
        throw new IllegalArgumentException("sample " + i + " is empty");
      }
      sorted[i] = samples[i].clone();
      Arrays.sort(sorted[i]);
      total += samples[i].length;
    }
    double[] pooled = new double[total];
    int at = 0;
    for (double[] s : sorted) {
      System.arraycopy(s, 0, pooled, at, s.length);
      at += s.length;
    }
    Arrays.sort(pooled);
    double[] distinct = distinct(pooled);
    if (distinct.length < 2) {
      throw new IllegalArgumentException("the pooled sample must hold at least two distinct values");
    }
    double n = total;
    int l = distinct.length;
    double[] lj = new double[l];
    double[] bj = new double[l];
    for (int j = 0; j < l; j++) {
      int left = lowerBound(pooled, distinct[j]);
      int right = upperBound(pooled, distinct[j]);
      lj[j] = right - left;
      bj[j] = left + lj[j] / 2.0;
    }
    double a2 = 0;
    for (int i = 0; i < k; i++) {
      double ni = sorted[i].length;
      double inner = 0;
      for (int j = 0; j < l; j++) {
        int right = upperBound(sorted[i], distinct[j]);
        int left = lowerBound(sorted[i], distinct[j]);
        double mij = right - (right - left) / 2.0;
        double num = n * mij - bj[j] * ni;
        inner += lj[j] / n * num * num / (bj[j] * (n - bj[j]) - n * lj[j] / 4.0);
      }
      a2 += inner / ni;
    }
    a2 *= (n - 1) / n;

    double bigH = 0;
    for (double[] s : sorted) {
      bigH += 1.0 / s.length;
    }
    // h = sum_{i=1}^{N-1} 1/i ; g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1/((N-i) j)
    double h = 0;
    for (int i = 1; i < total; i++) {
      h += 1.0 / i;
    }
    double g = 0;
    double tail = 0; // sum_{j=i+1}^{N-1} 1/j, built from the top
    for (int i = total - 2; i >= 1; i--) {
      tail += 1.0 / (i + 1);
      g += tail / (total - i);
    }
    double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
    double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH + 4 * h;
    double d = (2 * h + 6) * k * k - 4 * h * k;
    double sigmaSq = (a * n * n * n + b * n * n + c * n + d) / ((n - 1) * (n - 2) * (n - 3));
    double m = k - 1;
    double standardized = (a2 - m) / Math.sqrt(sigmaSq);

    double[] critical = new double[SIG.length];
    double[] logSig = new double[SIG.length];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < SIG.length; i++) {
      critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
      logSig[i] = Math.log(SIG[i]);
      min = Math.min(min, critical[i]);
      max = Math.max(max, critical[i]);
    }
    double p;
    if (standardized < min) {
      p = 0.25;
    } else if (standardized > max) {
      p = 0.001;
    } else {
      double[] coef = quadraticFit(critical, logSig);
      p = Math.exp(coef[0] * standardized * standardized + coef[1] * standardized + coef[2]);
    }
    return new double[] {standardized, p};
  }

  /** Least-squares {a, b, c} of y ≈ a x² + b x + c. */
  static double[] quadraticFit(double[] x, double[] y) {
    double[][] m = new double[3][4];
    for (int i = 0; i < x.length; i++) {
      double[] row = {x[i] * x[i], x[i], 1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] += row[r] * row[c];
        }
        m[r][3] += row[r] * y[i];
      }
    }
    // Gaussian elimination with partial pivoting on the 3x3 normal equations.
    for (int col = 0; col < 3; col++) {
      int pivot = col;
      for (int r = col + 1; r < 3; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = 0; r < 3; r++) {
        if (r != col) {
          double f = m[r][col] / m[col][col];
          for (int c = col; c < 4; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
  }

  private static double[] distinct(double[] sorted) {
    double[] out = new double[sorted.length];
    int n = 0;
    for (double v : sorted) {
      if (n == 0 || v != out[n - 1]) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
