package com.lockllm.engine;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.lockllm.engine.policy.Policy;
import com.lockllm.engine.policy.PolicyCategory;
import com.lockllm.engine.policy.PolicySet;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import org.junit.jupiter.api.Test;

/**
 * A hang guard, not a speed figure: every detector on every {@link HostileShapes} shape. A
 * quadratic path takes minutes at this size; the linear engine takes a few seconds for the whole
 * matrix (figures: {@code HostileShapesBenchmark}, engine README).
 */
class HostileShapesScanTest {
  private static final int SIZE = 1 << 16;
  private static final ScanOptions EVERYTHING = ScanOptions.builder()
      .scanMode(ScanMode.COMBINED)
      .piiAction(PiiAction.STRIP)
      .abuseAction(ScanAction.ALLOW_WITH_WARNING)
      .compression(CompressionMethod.COMBINED)
      .routeAction(RouteAction.AUTO)
      .build();
  private static final EmbeddedScanner SCANNER = EmbeddedScanner.builder()
      .policies(PolicySet.of(Policy.builder("No Financial Advice")
          .category(PolicyCategory.builder("Investment Guidance")
              .description("Recommendations to buy or sell securities")
              .phrases("stock tips")
              .examples("Which stocks should I buy right now?")
              .build())
          .build()))
      .build();

  @Test
  void everyDetectorOnEveryShapeFinishes() {
    assertTimeoutPreemptively(ofSeconds(30), () -> {
      for (HostileShapes shape : HostileShapes.values()) {
        String text = shape.text(SIZE);
        ScanResponse r = SCANNER.scan(ScanRequest.of(text, EVERYTHING));
        assertThat(r.usage().inputChars()).as(shape.name()).isEqualTo(text.length());
        assertThat(r.piiResult()).as(shape.name()).isNotNull();
      }
    });
  }
}
