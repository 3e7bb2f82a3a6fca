package com.lockllm.output;

/**
 * What each finding of a stream gets. It sees the matched text too, so that a known false positive
 * can pass by its text (an allowlist of text hashes) whatever check found it.
 */
@FunctionalInterface
public interface OutputActions {
  /** The action for {@code finding}, whose text is {@code matched}. */
  OutputAction actionFor(OutputFinding finding, CharSequence matched);
}
