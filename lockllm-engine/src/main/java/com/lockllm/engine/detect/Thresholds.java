package com.lockllm.engine.detect;

import com.lockllm.scan.Sensitivity;

/**
 * Injection scores at or above which a prompt is labelled an attack, per {@link Sensitivity}:
 * {@code low} flags only clear attacks, {@code high} flags more. Immutable.
 */
public record Thresholds(double low, double medium, double high) {
  /**
   * The engine's defaults, chosen on the benign dev split of the shared datasets (see the module
   * README): medium is 5 points above the lowest score with no false positive there, high the
   * lowest 5-point step whose false-positive rate stays well under 0.1%, low the weight from which
   * a single strong rule decides alone.
   */
  public static final Thresholds DEFAULT = new Thresholds(75, 55, 35);

  public Thresholds {
    check("low", low);
    check("medium", medium);
    check("high", high);
    if (!(low >= medium && medium >= high)) {
      throw new IllegalArgumentException(
          "thresholds must satisfy low >= medium >= high, got " + low + ", " + medium + ", " + high);
    }
  }

  public double of(Sensitivity sensitivity) {
    switch (sensitivity) {
      case LOW: return low;
      case HIGH: return high;
      default: return medium;
    }
  }

  /** 1 when {@code injection} reaches the threshold of {@code sensitivity}, else 0. */
  public int label(double injection, Sensitivity sensitivity) {
    return injection >= of(sensitivity) ? 1 : 0;
  }

  /**
   * How sure the verdict is, 50–100: 50 right at the threshold, rising linearly to 100 at a score
   * of 100 for an attack or 0 for a clean prompt.
   */
  public double confidence(double injection, Sensitivity sensitivity) {
    double t = of(sensitivity);
    double margin = injection >= t
        ? (t >= 100 ? 1 : (injection - t) / (100 - t))
        : (t <= 0 ? 1 : (t - injection) / t);
    return 50 + 50 * margin;
  }

  private static void check(String name, double value) {
    if (!(value > 0 && value <= 100)) {
      throw new IllegalArgumentException(name + " threshold must be within (0, 100], got " + value);
    }
  }
}
