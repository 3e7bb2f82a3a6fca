package com.lockllm.error;

import java.util.List;

/**
 * The model's answer was stopped by an answer-side check under {@code block} (403): a canary of the
 * system prompt, a secret, personal data, an exfiltration link or a custom pattern. The body names
 * the finding types, never the text that matched.
 */
public final class OutputBlockedException extends LockLLMException {
  public static final String TYPE = "lockllm_output_error";
  public static final String CODE = "output_blocked";

  private final List<String> findingTypes;

  public OutputBlockedException(String message, List<String> findingTypes, String requestId) {
    super(message, TYPE, CODE, 403, requestId, null, false);
    this.findingTypes = List.copyOf(findingTypes);
  }

  /** The types found in the answer up to and including the one that stopped it, such as {@code secret:AWS_ACCESS_KEY}. */
  public List<String> findingTypes() {
    return findingTypes;
  }
}
