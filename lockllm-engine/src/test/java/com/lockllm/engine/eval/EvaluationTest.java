package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  /**
   * Positives score 90, 50, 50 (attack categories a, a, b); negatives 50 and 10 (benign c, d).
   * Pairs (positive, negative): 90>50, 90>10, 50=50, 50>10, 50=50, 50>10, so AUC = (4 + 2 * 0.5) / 6.
   * Predicted at a threshold of 50: tp 3, fp 1, tn 1, fn 0.
   */
  private static EvaluationReport example() {
    Evaluation e = Evaluation.create();
    e.add(1, "a", 90, 1);
    e.add(1, "a", 50, 1);
    e.add(1, "b", 50, 1);
    e.add(0, "c", 50, 1);
    e.add(0, "d", 10, 0);
    return e.report();
  }

  @Test
  void computesOverallMetrics() {
    EvaluationReport.Metrics o = example().overall();
    assertThat(o.rows()).isEqualTo(5);
    assertThat(o.truePositives()).isEqualTo(3);
    assertThat(o.falsePositives()).isEqualTo(1);
    assertThat(o.trueNegatives()).isEqualTo(1);
    assertThat(o.falseNegatives()).isZero();
    assertThat(o.tpr()).isEqualTo(1.0);
    assertThat(o.fpr()).isEqualTo(0.5);
    assertThat(o.precision()).isEqualTo(0.75);
    assertThat(o.f1()).isCloseTo(2 * 0.75 / 1.75, within(1e-12));
    assertThat(o.auc()).isCloseTo(5.0 / 6, within(1e-12));
  }

  @Test
  void computesPerCategoryRatesAndAuc() {
    EvaluationReport r = example();
    assertThat(r.categories()).extracting(EvaluationReport.CategoryMetrics::category)
        .containsExactly("a", "b", "c", "d");
    EvaluationReport.CategoryMetrics a = r.categories().get(0);
    assertThat(a.rate()).isEqualTo(1.0);
    assertThat(a.meanScore()).isEqualTo(70);
    // a = {90, 50} against {50, 10}: 1 + 1 + 0.5 + 1 = 3.5 of 4
    assertThat(a.auc()).isCloseTo(3.5 / 4, within(1e-12));
    EvaluationReport.CategoryMetrics c = r.categories().get(2);
    assertThat(c.label()).isZero();
    assertThat(c.rate()).isEqualTo(1.0);
    // all positives {90, 50, 50} against c = {50}: 1 + 0.5 + 0.5 of 3
    assertThat(c.auc()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void leavesUndefinedRatesNull() {
    Evaluation e = Evaluation.create();
    e.add(0, "benign", 3, 0);
    EvaluationReport.Metrics o = e.report().overall();
    assertThat(o.tpr()).isNull();
    assertThat(o.auc()).isNull();
    assertThat(o.precision()).isNull();
    assertThat(o.fpr()).isEqualTo(0.0);
  }

  @Test
  void serializesToSnakeCaseJsonAndPrintsATable() throws Exception {
    EvaluationReport r = example();
    JsonNode json = new ObjectMapper().valueToTree(r);
    assertThat(json.at("/overall/true_positives").asInt()).isEqualTo(3);
    assertThat(json.at("/categories/0/mean_score").asDouble()).isEqualTo(70);
    String table = r.toTable();
    assertThat(table).contains("category").contains("TPR").contains("FPR")
        .contains("AUC=0.833").contains("precision=75.00%");
  }
}
