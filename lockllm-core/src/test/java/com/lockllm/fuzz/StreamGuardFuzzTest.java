package com.lockllm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputActions;
import com.lockllm.output.StreamGuard;
import com.lockllm.output.Streams;
import com.lockllm.output.TestChecks;
import com.lockllm.output.WholeText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StreamGuard}'s chunking invariance: a text over a small alphabet (so the test checks match
 * often, overlapping and split; some with lookbehinds, some deciding positions early), cut where the
 * input says, with an action per check and a hold-back from the input, releases exactly what the
 * whole text comes to ({@link WholeText}), and on every call holds no more than its bounds and
 * splits no surrogate pair ({@link Streams#run}). Seeds:
 * {@code StreamGuardFuzzTestInputs/chunking/}.
 */
class StreamGuardFuzzTest {
  /** a lone first half of a surrogate pair too, which a stream may end on */
  private static final String[] ALPHABET = {"a", "b", "-", "k", "1", "2", "s", " ", "\uD83D\uDE00", "\uD83D"};

  @FuzzTest(maxDuration = "30s")
  void chunking(FuzzedDataProvider data) {
    Map<String, OutputAction> byType = new HashMap<>();
    TestChecks.ALL_TYPES.forEach(type -> byType.put(type, data.pickValue(OutputAction.values())));
    OutputActions action = (finding, matched) -> byType.get(finding.type());
    int holdBack = 5 + data.consumeInt(0, 8);
    StringBuilder text = new StringBuilder();
    List<Integer> cuts = new ArrayList<>();
    for (byte b : data.consumeBytes(400)) {
      // the high bit says: cut before this character
      if (b < 0) {
        cuts.add(text.length());
      }
      text.append(ALPHABET[(b & 0x7f) % ALPHABET.length]);
    }
    String whole = text.toString();

    WholeText.Outcome expected = WholeText.expected(TestChecks.ALL, action, whole);

    assertThat(Streams.run(new StreamGuard(TestChecks.ALL, action, holdBack), Streams.at(whole, cuts))).isEqualTo(expected);
  }
}
