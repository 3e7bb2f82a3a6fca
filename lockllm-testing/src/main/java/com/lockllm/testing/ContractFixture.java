package com.lockllm.testing;

import com.lockllm.scan.Scanner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter under test is configured with: a {@link Scanner} to use (supplied the way users
 * supply their own: a bean, a builder argument) and {@code lockllm.*} settings (names without the
 * prefix, as in {@link com.lockllm.config.LockLLMSettings}) to pass through the framework's own
 * configuration mechanism.
 *
 * @param name a short name, unique per configuration, so a contract run can reuse a started server
 */
public record ContractFixture(String name, Scanner scanner, Map<String, String> settings) {
  public ContractFixture {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scanner, "scanner");
    settings = Map.copyOf(settings);
  }

  /** Settings every fixture starts from: block on injection, protect the chat route only. */
  public static Map<String, String> baseSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("scan-action", "block");
    s.put("protected-paths", AdapterContract.PROTECTED_PATH);
    s.put("max-body-size", String.valueOf(AdapterContract.MAX_BODY_BYTES));
    return s;
  }

  /** This fixture with {@code key} set to {@code value}, under another name. */
  public ContractFixture with(String newName, String key, String value) {
    Map<String, String> s = new LinkedHashMap<>(settings);
    s.put(key, value);
    return new ContractFixture(newName, scanner, s);
  }

  /** The {@code lockllm.}-prefixed form, for frameworks that read properties. */
  public Map<String, String> prefixedSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> out.put("lockllm." + k, v));
    return out;
  }
}
