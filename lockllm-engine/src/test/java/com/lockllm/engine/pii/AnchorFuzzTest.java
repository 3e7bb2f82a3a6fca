package com.lockllm.engine.pii;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text through every PII recognizer, anchored and plain: the same entities (see {@link
 * AnchorTest}). Seeds under {@code AnchorFuzzTestInputs/sameAsFind/}.
 */
class AnchorFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void sameAsFind(byte[] input) {
    AnchorTest.assertSameAsFind(new String(input, StandardCharsets.UTF_8));
  }
}
