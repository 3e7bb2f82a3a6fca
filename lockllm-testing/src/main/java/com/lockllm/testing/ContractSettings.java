package com.lockllm.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@code lockllm.*} option set to a valid, non-default value. An adapter's properties holder
 * binds these through its framework and must hand the core all of them back, so a core option the
 * holder forgets fails its test (compare with {@link com.lockllm.config.LockLLMSettings#knownNames()}).
 */
public final class ContractSettings {
  private ContractSettings() {}

  /** Prefixed property names ({@code lockllm.scan-action}) to values. */
  public static Map<String, String> everyOption() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("enabled", "true");
    v.put("scanner", "embedded");
    v.put("api-key", "test-key");
    v.put("base-url", "http://127.0.0.1:9");
    v.put("timeout", "5s");
    v.put("max-retries", "1");
    v.put("sensitivity", "high");
    v.put("scan-mode", "normal");
    v.put("scan-action", "block");
    v.put("policy-action", "block");
    v.put("abuse-action", "block");
    v.put("pii-action", "strip");
    v.put("compression", "toon");
    v.put("compression-rate", "0.5");
    v.put("chunk", "false");
    v.put("route-action", "auto");
    v.put("fail-mode", "open");
    v.put("scan-timeout", "2s");
    v.put("max-body-size", "16KB");
    v.put("max-depth", "32");
    v.put("extraction.format", "pointers");
    v.put("extraction.pointers", "/prompt");
    v.put("extraction.roles", "user");
    v.put("protected-paths", AdapterContract.PROTECTED_PATH);
    v.put("protected-methods", "POST");
    Map<String, String> prefixed = new LinkedHashMap<>();
    v.forEach((k, value) -> prefixed.put("lockllm." + k, value));
    return prefixed;
  }
}
