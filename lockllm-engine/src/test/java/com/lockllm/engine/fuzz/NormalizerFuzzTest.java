package com.lockllm.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.engine.normalize.Normalizer;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text through {@link Normalizer}, whole and in a sub-range: no exception, and in every
 * view the map back to the original stays within the range and never runs backwards. An input
 * whose first byte is 0 is read as raw UTF-16 code units (so lone surrogates get in); any other as
 * UTF-8, which keeps the seeds under {@code NormalizerFuzzTestInputs/normalize/} readable.
 */
class NormalizerFuzzTest {
  private static final Normalizer NORMALIZER = Normalizer.create();

  @FuzzTest(maxDuration = "30s")
  void normalize(byte[] input) {
    String text = text(input);
    check(NORMALIZER.normalize(text), 0, text.length());
    int from = text.length() / 3;
    int to = text.length() - text.length() / 4;
    check(NORMALIZER.normalize(text, from, to), from, to);
  }

  private static void check(NormalizedText normalized, int from, int to) {
    assertThat(normalized.views()).isNotEmpty();
    for (NormalizedText.View view : normalized.views()) {
      int length = view.text().length();
      int lastStart = from;
      int lastEnd = from;
      for (int i = 0; i <= length; i++) {
        int start = view.originalStart(i);
        assertThat(start).as("%s start at %d", view.kind(), i).isBetween(lastStart, to);
        lastStart = start;
        if (i > 0) {
          int end = view.originalEnd(i);
          assertThat(end).as("%s end at %d", view.kind(), i).isBetween(lastEnd, to);
          lastEnd = end;
        }
      }
      normalized.altered(from, to);
    }
  }

  private static String text(byte[] input) {
    if (input.length == 0 || input[0] != 0) {
      return new String(input, StandardCharsets.UTF_8);
    }
    char[] chars = new char[(input.length - 1) / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ((input[1 + 2 * i] & 0xff) << 8 | (input[2 + 2 * i] & 0xff));
    }
    return new String(chars);
  }
}
