package com.lockllm.engine.transformer;

import com.lockllm.engine.detect.Thresholds;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * How the model's probability becomes an engine score: the probabilities chosen on the calibration
 * half of the held-out split for each sensitivity ({@code high} the lowest, {@code low} the highest) land on the engine's
 * thresholds ({@link Thresholds#DEFAULT}), linear in between and out to 0 and 1, so the model
 * blocks exactly where its own thresholds say at every sensitivity, and noisy-OR with the rules
 * adds evidence rather than replacing it.
 */
public record Calibration(double high, double medium, double low, String description) {
  public Calibration {
    if (!(0 < high && high <= medium && medium <= low && low < 1)) {
      throw new IllegalArgumentException("probabilities must rise from high to low within (0, 1): "
          + high + ", " + medium + ", " + low);
    }
  }

  /** Reads {@code calibration.properties}: {@code high}, {@code medium}, {@code low}, {@code description}. */
  public static Calibration read(InputStream in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    return new Calibration(Double.parseDouble(p.getProperty("high")),
        Double.parseDouble(p.getProperty("medium")), Double.parseDouble(p.getProperty("low")),
        p.getProperty("description", ""));
  }

  /** The engine score (0 to 100) of probability {@code p}. */
  public double score(double p) {
    Thresholds t = Thresholds.DEFAULT;
    double[] xs = {0, high, medium, low, 1};
    double[] ys = {0, t.high(), t.medium(), t.low(), 100};
    if (p <= 0) {
      return 0;
    }
    for (int i = 1; i < xs.length; i++) {
      if (p <= xs[i]) {
        double span = xs[i] - xs[i - 1];
        return span <= 0 ? ys[i] : ys[i - 1] + (ys[i] - ys[i - 1]) * (p - xs[i - 1]) / span;
      }
    }
    return 100;
  }

  /** Windows from this score up are reported as findings: the high-sensitivity threshold. */
  public double findingScore() {
    return Thresholds.DEFAULT.high();
  }
}
