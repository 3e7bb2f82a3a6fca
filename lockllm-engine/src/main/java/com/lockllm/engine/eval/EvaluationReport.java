package com.lockllm.engine.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;

/**
 * The metrics of an {@link Evaluation}: a value that serializes to JSON ({@code snake_case}) and
 * prints as a table with {@link #toTable()}. Rates are fractions 0–1, {@code null} where
 * undefined (no rows of that kind).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(Metrics overall, List<CategoryMetrics> categories) {
  public EvaluationReport {
    categories = List.copyOf(categories);
  }

  /** Overall confusion counts and rates. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Metrics(
      long rows, long positives, long negatives,
      long truePositives, long falsePositives, long trueNegatives, long falseNegatives,
      Double tpr, Double fpr, Double precision, Double f1, Double auc) {}

  /**
   * One category: {@code rate} is the share of its rows flagged, a TPR for an attack category
   * ({@code label} 1) and an FPR for a benign one. {@code auc} is this category against all rows
   * of the other label.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CategoryMetrics(
      String category, int label, long rows, long flagged, Double rate, double meanScore,
      Double auc) {}

  /** A plain-text table of the categories and the overall figures. */
  public String toTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-24s %5s %7s %7s %-4s %7s %6s%n",
        "category", "label", "rows", "flagged", "", "rate", "auc"));
    for (CategoryMetrics c : categories) {
      b.append(String.format(Locale.ROOT, "%-24s %5d %7d %7d %-4s %7s %6s%n",
          c.category(), c.label(), c.rows(), c.flagged(), c.label() == 1 ? "TPR" : "FPR",
          percent(c.rate()), decimal(c.auc())));
    }
    Metrics o = overall;
    b.append(String.format(Locale.ROOT,
        "overall: rows=%d TPR=%s FPR=%s precision=%s F1=%s AUC=%s (tp=%d fp=%d tn=%d fn=%d)%n",
        o.rows(), percent(o.tpr()), percent(o.fpr()), percent(o.precision()), decimal(o.f1()),
        decimal(o.auc()), o.truePositives(), o.falsePositives(), o.trueNegatives(),
        o.falseNegatives()));
    return b.toString();
  }

  static String percent(Double rate) {
    return rate == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * rate);
  }

  static String decimal(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }
}
