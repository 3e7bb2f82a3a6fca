package com.lockllm.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanResponsesTest {

  private static ScanResponse.Builder part(boolean safe, int label, Double injection) {
    return ScanResponse.builder().safe(safe).label(label).injection(injection).sensitivity(Sensitivity.MEDIUM);
  }

  @Test
  void emptyIsRefusedAndOneIsItself() {
    assertThatThrownBy(() -> ScanResponses.worstOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    ScanResponse only = part(true, 0, 1.0).build();
    assertThat(ScanResponses.worstOf(List.of(only))).isSameAs(only);
  }

  @Test
  void unsafeIfAnyPartIsAndScoresOfTheWorst() {
    ScanResponse merged =
        ScanResponses.worstOf(
            List.of(
                part(true, 0, 40.0).confidence(99.0).requestId("a").build(),
                part(false, 1, 70.0).confidence(60.0).requestId("b").build(),
                part(true, 0, 45.0).confidence(90.0).requestId("c").build()));

    assertThat(merged.safe()).isFalse();
    assertThat(merged.label()).isEqualTo(1);
    assertThat(merged.injection()).isEqualTo(70.0);
    assertThat(merged.confidence()).isEqualTo(60.0);
    assertThat(merged.requestId()).isEqualTo("b");
  }

  @Test
  void allSafeTakesTheHighestInjectionAndTheFirstOnATie() {
    ScanResponse merged =
        ScanResponses.worstOf(
            List.of(
                part(true, 0, null).requestId("a").build(),
                part(true, 0, 12.0).requestId("b").build(),
                part(true, 0, 12.0).requestId("c").build()));

    assertThat(merged.safe()).isTrue();
    assertThat(merged.injection()).isEqualTo(12.0);
    assertThat(merged.requestId()).isEqualTo("b");
  }

  @Test
  void warningsAndCountsAreMerged() {
    PolicyViolation medical = new PolicyViolation("medical", List.of(new ViolatedCategory("S6", null)), null);
    PolicyViolation legal = new PolicyViolation("legal", List.of(), null);
    ScanResponse a =
        part(true, 0, 1.0)
            .usage(new Usage(1, 10))
            .debug(new Debug(100L, 80L, Debug.MODE_SINGLE))
            .policyConfidence(70.0)
            .policyWarnings(List.of(medical))
            .scanWarning(new ScanWarning("m", 40.0, 50.0, 0))
            .abuseWarnings(new AbuseWarning(true, 60.0, List.of("bot"), Map.of("bot_score", 60.0, "x", 1.0), "slow"))
            .piiResult(new PiiResult(true, List.of("Email"), 2, "[Email]"))
            .compressionResult(new CompressionResult("toon", "a", 10, 5, 0.5))
            .findings(List.of(new Finding(0, 3, "pii:Email", 90)))
            .build();
    ScanResponse b =
        part(false, 1, 90.0)
            .usage(new Usage(1, 20))
            .debug(new Debug(150L, 90L, Debug.MODE_SINGLE))
            .policyConfidence(85.0)
            .policyWarnings(List.of(medical, legal))
            .scanWarning(new ScanWarning("m2", 90.0, 80.0, 1))
            .abuseWarnings(new AbuseWarning(false, 20.0, List.of("repetition"), Map.of("bot_score", 10.0), null))
            .piiResult(new PiiResult(true, List.of("Phone", "Email"), 3, "[Phone]"))
            .compressionResult(new CompressionResult("toon", "b", 30, 10, 0.33))
            .routing(new RoutingInfo(true, "Other", 0.1, null, null, null))
            .findings(List.of(new Finding(1, 2, "instruction_override", 95)))
            .build();

    ScanResponse merged = ScanResponses.worstOf(List.of(a, b));

    assertThat(merged.usage()).isEqualTo(new Usage(2, 30));
    assertThat(merged.debug()).isEqualTo(new Debug(150L, 170L, Debug.MODE_CHUNKED));
    assertThat(merged.policyConfidence()).isEqualTo(85.0);
    assertThat(merged.policyWarnings()).containsExactly(medical, legal);
    assertThat(merged.scanWarning().message()).isEqualTo("m2");
    assertThat(merged.abuseWarnings())
        .isEqualTo(new AbuseWarning(true, 60.0, List.of("bot", "repetition"), Map.of("bot_score", 60.0, "x", 1.0), "slow"));
    assertThat(merged.piiResult()).isEqualTo(new PiiResult(true, List.of("Email", "Phone"), 5, null));
    assertThat(merged.compressionResult()).isEqualTo(new CompressionResult("toon", "a\n\nb", 40, 15, 15.0 / 40));
    assertThat(merged.routing()).isEqualTo(b.routing());
    assertThat(merged.findings()).hasSize(2);
  }

  @Test
  void absentGroupsStayAbsent() {
    ScanResponse merged = ScanResponses.worstOf(List.of(part(true, 0, 1.0).build(), part(true, 0, 2.0).build()));

    assertThat(merged.usage()).isNull();
    assertThat(merged.debug()).isNull();
    assertThat(merged.policyWarnings()).isNull();
    assertThat(merged.scanWarning()).isNull();
    assertThat(merged.abuseWarnings()).isNull();
    assertThat(merged.piiResult()).isNull();
    assertThat(merged.compressionResult()).isNull();
    assertThat(merged.findings()).isNull();
  }

  @Test
  void compressionOnlyWhenEveryPartHasOne() {
    ScanResponse merged =
        ScanResponses.worstOf(
            List.of(
                part(true, 0, 1.0).compressionResult(new CompressionResult("toon", "a", 1, 1, 1.0)).build(),
                part(true, 0, 1.0).build()));

    assertThat(merged.compressionResult()).isNull();
  }

  @Test
  void findingsOffset() {
    ScanResponse r = part(true, 0, 1.0).findings(List.of(new Finding(2, 5, "c", 50))).build();

    assertThat(ScanResponses.withFindingsOffset(r, 10).findings()).containsExactly(new Finding(12, 15, "c", 50));
    assertThat(ScanResponses.withFindingsOffset(r, 0)).isSameAs(r);
  }
}
