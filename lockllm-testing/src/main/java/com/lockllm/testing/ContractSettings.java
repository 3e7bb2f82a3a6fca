package com.lockllm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ConfigurationException;
import com.lockllm.output.Allowlist;
import com.lockllm.scan.CustomPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code lockllm.*} option set to a valid, non-default value. An adapter's properties holder
 * binds these through its framework and must hand the core all of them back, so a core option the
 * holder forgets fails its test (compare with {@link com.lockllm.config.LockLLMSettings#knownNames()}).
 */
public final class ContractSettings {
  /** The custom policy of {@link #everyOption()}, by its configured name. */
  public static final String POLICY_NAME = "No medical advice";
  /** A phrase of that policy: a prompt containing it violates the policy. */
  public static final String POLICY_PHRASE = "diagnose my symptoms";

  /**
   * The policies of the YAML example each holder's test binds (a keyed policy with a YAML list of
   * categories, and one with a keyed category and a comma list of phrases), as the core must see them.
   */
  public static final List<CustomPolicy> YAML_POLICIES = List.of(
      new CustomPolicy(POLICY_NAME, null, List.of(
          new CustomPolicy.Category("Diagnosis", null, List.of(POLICY_PHRASE, "what illness do I have"),
              List.of(), List.of("Which disease do I have, given these symptoms?")),
          new CustomPolicy.Category("Dosage", null, List.of(), List.of("\\bhow many (pills|tablets)\\b"), List.of()))),
      new CustomPolicy("no-finance", null, List.of(
          new CustomPolicy.Category("invest", null, List.of("stock tips", "insider trading"), List.of(), List.of()))));

  /** The normalised SHA-256 of {@code support@example.com}, the allowlist entry of {@link #everyOption()}. */
  public static final String SUPPORT_ADDRESS_SHA256 = Allowlist.sha256("support@example.com");

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
    v.put("total-timeout", "9s");
    v.put("circuit-breaker-failures", "4");
    v.put("circuit-breaker-open-for", "20s");
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
    v.put("proxy-headers", "true");
    v.put("routing.models.low", "gpt-4o-mini");
    v.put("routing.rules.code.task-type", "Code Generation");
    v.put("routing.rules.code.model", "gpt-4o");
    v.put("fail-mode", "open");
    v.put("scan-timeout", "2s");
    v.put("max-body-size", "16KB");
    v.put("max-depth", "32");
    v.put("extraction.format", "pointers");
    v.put("extraction.pointers", "/prompt");
    v.put("extraction.roles", "user");
    v.put("protected-paths", AdapterContract.PROTECTED_PATH);
    v.put("protected-methods", "POST");
    v.put("abuse.window", "30s");
    v.put("abuse.rapid-requests", "12");
    v.put("abuse.duplicate-prompts", "5");
    v.put("abuse.burst-min-requests", "6");
    v.put("abuse.max-clients", "500");
    v.put("client-key.header", "X-Client-Id");
    v.put("client-key.trusted-proxies", "10.0.0.0/8,192.168.1.1");
    v.put("cache.enabled", "true");
    v.put("cache.ttl", "2m");
    v.put("cache.max-entries", "250");
    v.put("engine-tier", "lexical");
    v.put("policy-similarity", "0.6");
    // a custom policy in the engine's flat layout: named keys, plus list indices as YAML lists bind
    v.put("policies.no-medical.name", POLICY_NAME);
    v.put("policies.no-medical.description", "No diagnoses or treatment advice");
    v.put("policies.no-medical.categories.diagnosis.name", "Diagnosis");
    v.put("policies.no-medical.categories.diagnosis.phrases[0]", POLICY_PHRASE);
    v.put("policies.no-medical.categories.diagnosis.phrases[1]", "what illness do I have");
    v.put("policies.no-medical.categories[0].name", "Dosage");
    v.put("policies.no-medical.categories[0].examples[0]", "How many pills should I take, and how often?");
    v.put("output.enabled", "true");
    v.put("output.personal-data", "strip");
    v.put("output.secrets", "block");
    v.put("output.exfiltration", "warn");
    v.put("output.allowed-hosts", "example.com,*.cdn.example.com");
    v.put("output.canary-action", "warn");
    v.put("output.system-prompt-leak", "block");
    v.put("output.leak-min-length", "80");
    // a custom pattern and an allowlist entry in the flat layout, by key
    v.put("output.patterns.ticket.regex", "TICKET-[0-9]{6}");
    v.put("output.patterns.ticket.action", "block");
    v.put("output.patterns.ticket.max-span", "32");
    v.put("output.allowlist.support.sha256", SUPPORT_ADDRESS_SHA256);
    v.put("output.allowlist.support.type", "EMAIL");
    v.put("output.allowlist.support.owner", "support-team");
    v.put("output.allowlist.support.reason", "our public support address");
    v.put("output.shadow", "true");
    v.put("output.restore-tool-arguments", "true");
    v.put("output.max-buffered-bytes", "4MB");
    v.put("output.unscannable", "warn");
    v.put("output.answer-pointers", "/result/text");
    v.put("canary.enabled", "true");
    v.put("canary.wording", "Keep {canary} to yourself.");
    v.put("canary.position", "start");
    v.put("decision-log.enabled", "true");
    v.put("decision-log.sample-rate", "0.25");
    Map<String, String> prefixed = new LinkedHashMap<>();
    v.forEach((k, value) -> prefixed.put("lockllm." + k, value));
    return prefixed;
  }

  /**
   * Asserts that an adapter's holder, bound from {@link #everyOption()}, built {@code settings}
   * equal to what {@link LockLLMSettings#fromMap} reads from the same options: every option
   * reached the core with its value. It first checks that the check can fail: {@link
   * #everyOption()} names every {@link LockLLMSettings#knownNames() option}, each at a value other
   * than its default (but {@code enabled}, which must stay on for the adapters' tests).
   */
  public static void assertEveryOptionReturned(LockLLMSettings settings) {
    Map<String, String> every = everyOption();
    Map<String, String> unprefixed = new LinkedHashMap<>();
    every.forEach((name, value) -> unprefixed.put(name.substring("lockllm.".length()), value));
    assertThat(unprefixed.keySet()).containsAll(LockLLMSettings.knownNames());
    LockLLMSettings expected = LockLLMSettings.fromMap(unprefixed);
    for (String name : unprefixed.keySet()) {
      if (name.equals("enabled")) {
        continue;
      }
      Map<String, String> without = new LinkedHashMap<>(unprefixed);
      without.remove(name);
      assertThat(readsOtherwise(without, expected)).as("option '%s' is set away from its default", name).isTrue();
    }
    assertThat(settings).isEqualTo(expected);
  }

  private static boolean readsOtherwise(Map<String, String> options, LockLLMSettings than) {
    try {
      return !LockLLMSettings.fromMap(options).equals(than);
    } catch (ConfigurationException e) {
      return true;
    }
  }
}
