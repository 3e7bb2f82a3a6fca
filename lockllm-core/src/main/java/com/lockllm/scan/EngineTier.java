package com.lockllm.scan;

/**
 * Detectors of the embedded engine: {@code transformer} (rules, lexical model and the fine-tuned
 * transformer; needs lockllm-engine-model), {@code lexical} or {@code rules}.
 */
public enum EngineTier {
  TRANSFORMER,
  LEXICAL,
  RULES
}
