package com.lockllm.micronaut;

import com.lockllm.config.LockLLMSettings;

/**
 * Adjusts the {@code lockllm.*} settings in code before the scanner and interceptor are built.
 * Every customizer bean runs, in {@code @Order}, on the typed builder that {@link
 * LockLLMConfiguration#toSettings()} filled, so a customizer overrides properties.
 */
@FunctionalInterface
public interface LockLLMCustomizer {
  void customize(LockLLMSettings.Builder settings);
}
