package com.lockllm.engine.detect;

import com.lockllm.scan.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Operations on lists of {@link Finding}s. */
public final class Findings {
  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::category)
          .thenComparingInt(Finding::start)
          .thenComparingInt(Finding::end);
  private static final Comparator<Finding> OUTPUT_ORDER =
      Comparator.comparingInt(Finding::start)
          .thenComparingInt(Finding::end)
          .thenComparing(Finding::category);

  private Findings() {}

  /** Orders findings by start, then end, then category. */
  public static Comparator<Finding> byPosition() {
    return OUTPUT_ORDER;
  }

  /**
   * Merges findings of the same category whose spans overlap or touch into one finding over the
   * union of their spans, scored with the highest score among them; the result is ordered by
   * position.
   */
  public static List<Finding> merge(List<Finding> findings) {
    if (findings.size() < 2) {
      return List.copyOf(findings);
    }
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(ORDER);
    List<Finding> merged = new ArrayList<>(sorted.size());
    Finding current = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Finding next = sorted.get(i);
      if (next.category().equals(current.category()) && next.start() <= current.end()) {
        current = new Finding(
            current.start(), Math.max(current.end(), next.end()), current.category(),
            Math.max(current.score(), next.score()));
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    merged.sort(OUTPUT_ORDER);
    return merged;
  }
}
