package com.lockllm.engine.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Accumulates labelled, scored predictions one row at a time and reports detection metrics:
 * per category the rate of flagged rows (TPR for attack categories, FPR for benign ones), and
 * overall TPR, FPR, precision, F1 and ROC AUC. AUC is exact (Mann–Whitney, ties counted half)
 * from a histogram of the distinct scores, so memory grows with distinct scores, not rows. Not
 * thread-safe.
 */
public final class Evaluation {
  private final Map<Key, Tally> categories = new LinkedHashMap<>();
  private final Tally positives = new Tally(1);
  private final Tally negatives = new Tally(0);

  private Evaluation() {}

  public static Evaluation create() {
    return new Evaluation();
  }

  /**
   * Adds one row: its true {@code label} (1 = attack), its {@code category}, the detector's
   * {@code score} (0–100, higher = more likely an attack) and the {@code predicted} label.
   */
  public void add(int label, String category, double score, int predicted) {
    if ((label != 0 && label != 1) || (predicted != 0 && predicted != 1)) {
      throw new IllegalArgumentException("labels are 0 or 1, got " + label + " and " + predicted);
    }
    Objects.requireNonNull(category, "category");
    categories.computeIfAbsent(new Key(category, label), k -> new Tally(label)).add(score, predicted);
    (label == 1 ? positives : negatives).add(score, predicted);
  }

  public EvaluationReport report() {
    long tp = positives.flagged;
    long fn = positives.rows - tp;
    long fp = negatives.flagged;
    long tn = negatives.rows - fp;
    Double tpr = ratio(tp, positives.rows);
    Double fpr = ratio(fp, negatives.rows);
    Double precision = ratio(tp, tp + fp);
    Double f1 = precision == null || tpr == null || precision + tpr == 0
        ? null : 2 * precision * tpr / (precision + tpr);
    EvaluationReport.Metrics overall = new EvaluationReport.Metrics(
        positives.rows + negatives.rows, positives.rows, negatives.rows, tp, fp, tn, fn,
        tpr, fpr, precision, f1, auc(positives.scores, negatives.scores));
    List<EvaluationReport.CategoryMetrics> rows = new ArrayList<>();
    for (Entry<Key, Tally> e : categories.entrySet()) {
      Tally t = e.getValue();
      String name = e.getKey().category();
      Double auc = t.label == 1 ? auc(t.scores, negatives.scores) : auc(positives.scores, t.scores);
      rows.add(new EvaluationReport.CategoryMetrics(
          name, t.label, t.rows, t.flagged, ratio(t.flagged, t.rows), t.scoreSum / t.rows, auc));
    }
    return new EvaluationReport(overall, rows);
  }

  /**
   * The probability that a random positive scores above a random negative, ties counting half;
   * {@code null} when either side is empty.
   */
  static Double auc(NavigableMap<Double, long[]> pos, NavigableMap<Double, long[]> neg) {
    long p = total(pos);
    long n = total(neg);
    if (p == 0 || n == 0) {
      return null;
    }
    TreeMap<Double, long[]> merged = new TreeMap<>();
    pos.forEach((s, c) -> merged.computeIfAbsent(s, k -> new long[2])[0] += c[0]);
    neg.forEach((s, c) -> merged.computeIfAbsent(s, k -> new long[2])[1] += c[0]);
    double sum = 0;
    long negBelow = 0;
    for (long[] c : merged.values()) {
      sum += c[0] * (negBelow + 0.5 * c[1]);
      negBelow += c[1];
    }
    return sum / ((double) p * n);
  }

  private static long total(NavigableMap<Double, long[]> histogram) {
    long t = 0;
    for (long[] c : histogram.values()) {
      t += c[0];
    }
    return t;
  }

  private static Double ratio(long num, long den) {
    return den == 0 ? null : (double) num / den;
  }

  /** A category is kept apart per label, should a file use one name for both. */
  private record Key(String category, int label) {}

  /** Rows, flagged rows and the score histogram of one label or category. */
  private static final class Tally {
    final int label;
    final NavigableMap<Double, long[]> scores = new TreeMap<>();
    long rows;
    long flagged;
    double scoreSum;

    Tally(int label) {
      this.label = label;
    }

    void add(double score, int predicted) {
      rows++;
      flagged += predicted;
      scoreSum += score;
      scores.computeIfAbsent(score, k -> new long[1])[0]++;
    }
  }
}
