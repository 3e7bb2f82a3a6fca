package com.lockllm.extract;

import com.lockllm.error.LockLLMException;

/**
 * Reads the prompt text out of an LLM request body. Thread-safe; build one per configuration and
 * reuse it.
 */
public final class PromptExtractor {
  private final ExtractionConfig config;

  PromptExtractor(ExtractionConfig config) {
    this.config = config;
  }

  public static PromptExtractor create(ExtractionConfig config) {
    return new PromptExtractor(config);
  }

  public ExtractionConfig config() {
    return config;
  }

  /**
   * The prompt segments of {@code body[offset, offset + length)}.
   *
   * @throws LockLLMException 400 for malformed JSON, duplicate keys or a body with no prompt; 413
   *     for a body over the size bound or nested deeper than allowed
   */
  public ExtractedPrompt extract(byte[] body, int offset, int length) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public ExtractedPrompt extract(byte[] body) {
    return extract(body, 0, body.length);
  }
}
