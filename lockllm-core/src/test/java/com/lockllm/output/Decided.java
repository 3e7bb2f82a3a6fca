package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Test-only: whether a check's {@link OutputCheck#undecided} holds back everything that more text could change. */
final class Decided {
  private Decided() {}

  /**
   * For every prefix of {@code text} and a few starting points, the findings the prefix reports
   * before its undecided position are those the whole text reports there.
   */
  static void assertUndecidedHoldsFor(OutputCheck check, String text) {
    for (int p = 0; p <= text.length(); p++) {
      String prefix = text.substring(0, p);
      for (int from : new int[] {0, p / 3, p / 2, p}) {
        int undecided = check.undecided(prefix, from);
        assertThat(undecided).as("undecided of %s from %d", prefix, from).isBetween(from, p);
        assertThat(before(check.find(prefix, from), undecided))
            .as("findings before %d in %s from %d", undecided, prefix, from)
            .isEqualTo(before(check.find(text, from), undecided));
      }
    }
  }

  private static List<OutputFinding> before(List<OutputFinding> findings, int position) {
    return findings.stream().filter(f -> f.start() < position).toList();
  }
}
