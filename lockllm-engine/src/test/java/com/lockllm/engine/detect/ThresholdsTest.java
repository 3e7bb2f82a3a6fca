package com.lockllm.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.lockllm.scan.Sensitivity;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private final Thresholds t = new Thresholds(80, 60, 40);

  @Test
  void labelsAtOrAboveTheThresholdOfEachSensitivity() {
    assertThat(t.label(59.99, Sensitivity.MEDIUM)).isZero();
    assertThat(t.label(60, Sensitivity.MEDIUM)).isOne();
    assertThat(t.label(50, Sensitivity.LOW)).isZero();
    assertThat(t.label(50, Sensitivity.HIGH)).isOne();
  }

  @Test
  void confidenceGrowsWithTheDistanceFromTheThreshold() {
    assertThat(t.confidence(60, Sensitivity.MEDIUM)).isEqualTo(50);
    assertThat(t.confidence(100, Sensitivity.MEDIUM)).isEqualTo(100);
    assertThat(t.confidence(0, Sensitivity.MEDIUM)).isEqualTo(100);
    assertThat(t.confidence(80, Sensitivity.MEDIUM)).isCloseTo(75, within(1e-9));
    assertThat(t.confidence(30, Sensitivity.MEDIUM)).isCloseTo(75, within(1e-9));
  }

  @Test
  void rejectsThresholdsOutOfOrderOrRange() {
    assertThatThrownBy(() -> new Thresholds(40, 60, 80)).hasMessageContaining("low >= medium >= high");
    assertThatThrownBy(() -> new Thresholds(101, 60, 40)).hasMessageContaining("low");
    assertThatThrownBy(() -> new Thresholds(80, 60, 0)).hasMessageContaining("high");
  }
}
