package com.lockllm.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.lockllm.scan.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {
  @Test
  void noisyOrCombinesIndependentScores() {
    Assessment a = Aggregator.noisyOr().aggregate(List.of(
        new Detection(50, List.of()), new Detection(50, List.of()), Detection.none()));
    assertThat(a.injection()).isCloseTo(75, within(1e-9));
  }

  @Test
  void noisyOrKeepsASingleScore() {
    assertThat(Aggregator.noisyOr().aggregate(List.of(new Detection(42, List.of()))).injection())
        .isEqualTo(42);
  }

  @Test
  void mergesOverlappingFindingsOfOneCategory() {
    List<Finding> merged = Findings.merge(List.of(
        new Finding(10, 20, "a", 50),
        new Finding(15, 30, "a", 70),
        new Finding(30, 35, "a", 10),
        new Finding(12, 18, "b", 40),
        new Finding(0, 5, "a", 20)));
    assertThat(merged).containsExactly(
        new Finding(0, 5, "a", 20),
        new Finding(10, 35, "a", 70),
        new Finding(12, 18, "b", 40));
  }

  @Test
  void rejectsScoresOutOfRange() {
    assertThatThrownBy(() -> new Detection(101, List.of())).hasMessageContaining("score");
    assertThatThrownBy(() -> new Detection(Double.NaN, List.of())).hasMessageContaining("score");
  }
}
