package com.lockllm.spring;

import java.util.Map;

/**
 * Adjusts the {@code lockllm.*} settings in code before the interceptor is built. Every customizer
 * bean runs, in {@code @Order}, on the map produced from {@link LockLLMProperties#toSettings()}, so a
 * customizer overrides properties: properties &lt; customizers. Keys are the {@link
 * com.lockllm.config.LockLLMSettings} names without the prefix, e.g. {@code scan-action}.
 */
@FunctionalInterface
public interface LockLLMCustomizer {
  void customize(Map<String, String> settings);
}
