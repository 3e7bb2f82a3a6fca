package com.lockllm.testing;

import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.output.Canary;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.Scanner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an adapter under test is configured with: a {@link Scanner} to use (supplied the way users
 * supply their own: a bean, a builder argument) and {@code lockllm.*} settings (names without the
 * prefix, as in {@link com.lockllm.config.LockLLMSettings}) to pass through the framework's own
 * configuration mechanism, and the answer side (an {@link OutputPolicy} and a {@link Canary}) that
 * the adapter puts on its interceptor's builder ({@link #answerSide}).
 *
 * @param name a short name, unique per configuration, so a contract run can reuse a started server
 * @param output the answer-side policy ({@link OutputPolicy#disabled()}: answers pass unscanned)
 * @param canary the canary added to system prompts ({@link Canary#disabled()}: none)
 */
public record ContractFixture(String name, Scanner scanner, Map<String, String> settings, OutputPolicy output,
    Canary canary) {
  public ContractFixture {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scanner, "scanner");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(canary, "canary");
  }

  /** A fixture whose answers pass unscanned. */
  public ContractFixture(String name, Scanner scanner, Map<String, String> settings) {
    this(name, scanner, settings, OutputPolicy.disabled(), Canary.disabled());
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
    return new ContractFixture(newName, scanner, s, output, canary);
  }

  /** This fixture with the answer-side policy {@code policy}, under another name. */
  public ContractFixture withOutput(String newName, OutputPolicy policy) {
    return new ContractFixture(newName, scanner, settings, policy, canary);
  }

  /** This fixture adding {@code newCanary} to system prompts, under another name. */
  public ContractFixture withCanary(String newName, Canary newCanary) {
    return new ContractFixture(newName, scanner, settings, output, newCanary);
  }

  /**
   * {@code builder} (the adapter's interceptor, built from {@link #settings()}) with this fixture's
   * answer side: how an adapter's test applies {@link #output()} and {@link #canary()}.
   */
  public LockLLMInterceptor.Builder answerSide(LockLLMInterceptor.Builder builder) {
    return builder.output(output).canary(canary);
  }

  /** The {@code lockllm.}-prefixed form, for frameworks that read properties. */
  public Map<String, String> prefixedSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> out.put("lockllm." + k, v));
    return out;
  }
}
