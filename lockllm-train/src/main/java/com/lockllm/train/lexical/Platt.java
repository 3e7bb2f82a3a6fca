package com.lockllm.train.lexical;

/**
 * Platt scaling: fits {@code p = sigmoid(a * z + c)} to labelled scores by Newton's method on the
 * log loss, with Platt's smoothed targets so that a separable slice does not drive {@code a} to
 * infinity. Two parameters, so a closed-form Newton step is simpler than a library call.
 */
final class Platt {
  private Platt() {}

  /** {@code {a, c}}. */
  static double[] fit(double[] z, int[] y) {
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    int neg = y.length - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double a = 1;
    double c = 0;
    for (int iter = 0; iter < 100; iter++) {
      double ga = 0;
      double gc = 0;
      double haa = 1e-9;
      double hac = 0;
      double hcc = 1e-9;
      for (int i = 0; i < z.length; i++) {
        double p = 1 / (1 + Math.exp(-(a * z[i] + c)));
        double t = y[i] == 1 ? hi : lo;
        double d = p - t;
        double w = p * (1 - p);
        ga += d * z[i];
        gc += d;
        haa += w * z[i] * z[i];
        hac += w * z[i];
        hcc += w;
      }
      double det = haa * hcc - hac * hac;
      double da = (hcc * ga - hac * gc) / det;
      double dc = (haa * gc - hac * ga) / det;
      a -= da;
      c -= dc;
      if (Math.abs(da) < 1e-10 && Math.abs(dc) < 1e-10) {
        break;
      }
    }
    return new double[] {a, c};
  }
}
