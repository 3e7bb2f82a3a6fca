package com.lockllm.engine.detect;

import com.lockllm.engine.normalize.NormalizedText;

/**
 * Scores one window of normalized text for prompt injection. Implementations are immutable and
 * thread-safe: the signature rules now, learned models later. Findings are spans of the original
 * text ({@link NormalizedText#source()}).
 */
public interface Detector {
  Detection detect(NormalizedText text);

  /**
   * Whether this detector costs far more than the signature rules (a neural model, say), so the
   * scanner may skip it when the cheap detectors have already decided; see {@code
   * EmbeddedScanner.Builder#skipExpensiveFrom}.
   */
  default boolean expensive() {
    return false;
  }
}
