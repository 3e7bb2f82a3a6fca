package com.lockllm.spring;

import com.lockllm.config.LockLLMSettings;

/**
 * Adjusts the {@code lockllm.*} settings in code before the interceptor is built. Every customizer
 * bean runs, in {@code @Order}, on the typed builder that {@link LockLLMProperties#toSettings()}
 * filled, so a customizer overrides properties: properties &lt; customizers.
 */
@FunctionalInterface
public interface LockLLMCustomizer {
  void customize(LockLLMSettings.Builder settings);
}
