package com.lockllm.train.semantic;

import com.lockllm.engine.semantic.SemanticHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The held-out evaluation of a trained head: per attack category TPR, precision and ROC AUC
 * against all held-out benign rows, benign and hard-negative FPR, at thresholds picked for a
 * benign FPR of at most 1% on the training benign rows (honest) and on the held-out benign rows
 * (the best case), and at the fixed score 50.
 */
final class SemanticReport {
  private SemanticReport() {}

  /** A row's score: its worst window, as the detector scores it. */
  static double score(SemanticHead head, SemanticTraining.Row row) {
    double s = 0;
    for (float[] e : row.embeddings()) {
      s = Math.max(s, head.score(e));
    }
    return s;
  }

  static String render(SemanticHead head, List<SemanticTraining.Row> train,
      List<SemanticTraining.Row> test) {
    double[] trainBenign = train.stream().filter(r -> !r.attack())
        .mapToDouble(r -> score(head, r)).sorted().toArray();
    double[] testBenign = test.stream().filter(r -> !r.attack())
        .mapToDouble(r -> score(head, r)).sorted().toArray();
    double tTrain = thresholdForFpr(trainBenign, 0.01);
    double tTest = thresholdForFpr(testBenign, 0.01);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("train rows %d (attacks %d); held-out rows %d (attacks %d)%n",
        train.size(), train.stream().filter(SemanticTraining.Row::attack).count(), test.size(),
        test.stream().filter(SemanticTraining.Row::attack).count()));
    sb.append(String.format("threshold for train-benign FPR <= 1%%: %.2f; for held-out benign FPR"
        + " <= 1%%: %.2f%n", tTrain, tTest));
    for (double t : new double[] {tTrain, tTest, 50}) {
      sb.append(String.format("%n### threshold %.2f%n", t));
      sb.append("| group | rows | positives | TPR / FPR | precision | ROC AUC |\n");
      sb.append("|---|---|---|---|---|---|\n");
      Map<String, List<SemanticTraining.Row>> groups = new TreeMap<>();
      for (SemanticTraining.Row r : test) {
        groups.computeIfAbsent((r.attack() ? "attack: " : "benign: ") + r.category(),
            k -> new ArrayList<>()).add(r);
        groups.computeIfAbsent("file: " + r.file(), k -> new ArrayList<>()).add(r);
      }
      groups.put("attack: all", test.stream().filter(SemanticTraining.Row::attack).toList());
      groups.put("benign: all", test.stream().filter(r -> !r.attack()).toList());
      for (Map.Entry<String, List<SemanticTraining.Row>> g : groups.entrySet()) {
        sb.append(line(head, g.getKey(), g.getValue(), testBenign, t));
      }
      long trainFp = Arrays.stream(trainBenign).filter(s -> s >= t).count();
      sb.append(String.format("| train benign (in-sample) | %d | - | %.2f%% FPR | - | - |%n",
          trainBenign.length, 100.0 * trainFp / trainBenign.length));
    }
    return sb.toString();
  }

  private static String line(SemanticHead head, String name, List<SemanticTraining.Row> rows,
      double[] benign, double t) {
    double[] pos = rows.stream().filter(SemanticTraining.Row::attack)
        .mapToDouble(r -> score(head, r)).toArray();
    double[] neg = rows.stream().filter(r -> !r.attack())
        .mapToDouble(r -> score(head, r)).toArray();
    long tp = Arrays.stream(pos).filter(s -> s >= t).count();
    long fp = Arrays.stream(neg).filter(s -> s >= t).count();
    if (pos.length == 0) {
      return String.format("| %s | %d | 0 | %.2f%% FPR | - | - |%n", name, rows.size(),
          100.0 * fp / neg.length);
    }
    // Categories and single-class files are ranked against every held-out benign row.
    long benignFp = Arrays.stream(benign).filter(s -> s >= t).count();
    double precision = tp + benignFp == 0 ? 1 : (double) tp / (tp + benignFp);
    return String.format("| %s | %d | %d | %.2f%% TPR | %.2f%% | %.4f |%n", name, rows.size(),
        pos.length, 100.0 * tp / pos.length, 100 * precision, auc(pos, benign));
  }

  /** The lowest score at or above which at most {@code fpr} of {@code sortedBenign} lie. */
  static double thresholdForFpr(double[] sortedBenign, double fpr) {
    int allowed = (int) Math.floor(fpr * sortedBenign.length);
    int idx = sortedBenign.length - 1 - allowed;
    if (idx < 0) {
      return 0;
    }
    return Math.nextUp(sortedBenign[idx]);
  }

  /** ROC AUC by Mann-Whitney U: the chance a positive outscores a negative, ties half. */
  static double auc(double[] pos, double[] neg) {
    double[] n = neg.clone();
    Arrays.sort(n);
    double u = 0;
    for (double p : pos) {
      int lo = lowerBound(n, p);
      int hi = upperBound(n, p);
      u += lo + 0.5 * (hi - lo);
    }
    return u / ((double) pos.length * n.length);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] < v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] <= v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }
}
