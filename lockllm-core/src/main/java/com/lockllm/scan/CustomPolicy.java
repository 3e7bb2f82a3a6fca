package com.lockllm.scan;

import java.util.List;
import java.util.Objects;

/**
 * A custom policy of the embedded engine: a name, what it forbids, and the categories that say how
 * a prompt is recognised as violating it (phrases, regular expressions, examples to match by
 * similarity). The engine README, "Custom policies", explains the matching.
 *
 * @param name shown in {@code policy_violations}
 * @param description optional
 * @param categories at least one (the engine checks them when it is built)
 */
public record CustomPolicy(String name, String description, List<Category> categories) {
  public CustomPolicy {
    name = required(name, "policy name");
    categories = List.copyOf(categories);
  }

  /**
   * One way a prompt violates the policy.
   *
   * @param name shown in {@code violated_categories}
   * @param description optional
   * @param phrases matched as whole words, case- and obfuscation-insensitive
   * @param patterns regular expressions
   * @param examples prompts that violate it, matched by similarity ({@code policy-similarity})
   */
  public record Category(String name, String description, List<String> phrases, List<String> patterns,
      List<String> examples) {
    public Category {
      name = required(name, "category name");
      phrases = List.copyOf(phrases);
      patterns = List.copyOf(patterns);
      examples = List.copyOf(examples);
    }
  }

  private static String required(String value, String what) {
    if (Objects.requireNonNull(value, what).isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return value.strip();
  }
}
