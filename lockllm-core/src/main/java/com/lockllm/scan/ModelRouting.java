package com.lockllm.scan;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which model the embedded engine's routing selects ({@code route_action}): one model per
 * complexity tier for {@code auto}, and named rules (task type and tier, either {@code *}) tried in
 * order for {@code custom}. A tier with no model leaves the request's own model in place.
 *
 * @param low the model for simple prompts, or {@code null}
 * @param medium the model for medium prompts, or {@code null}
 * @param high the model for complex prompts, or {@code null}
 * @param rules the rules of {@code custom} routing, in the order they are tried
 */
public record ModelRouting(String low, String medium, String high, List<Rule> rules) {
  /** No models and no rules: routing reports task type and complexity and keeps the request's model. */
  public static final ModelRouting NONE = new ModelRouting(null, null, null, List.of());

  public ModelRouting {
    low = blankToNull(low);
    medium = blankToNull(medium);
    high = blankToNull(high);
    rules = List.copyOf(rules);
  }

  /** This routing with {@code model} for each tier that has none yet. */
  public ModelRouting withDefaults(String low, String medium, String high) {
    return new ModelRouting(this.low != null ? this.low : low, this.medium != null ? this.medium : medium,
        this.high != null ? this.high : high, rules);
  }

  /**
   * A rule of {@code custom} routing.
   *
   * @param name names the rule in errors and logs
   * @param taskType the task type it applies to, or {@code *} ({@code null} too)
   * @param tier {@code low}, {@code medium}, {@code high} or {@code *} ({@code null} too)
   * @param model the model it selects
   */
  public record Rule(String name, String taskType, String tier, String model) {
    public Rule {
      Objects.requireNonNull(name, "name");
      model = blankToNull(model);
      if (model == null) {
        throw new IllegalArgumentException("routing rule '" + name + "' has no model");
      }
      taskType = taskType == null || taskType.isBlank() ? "*" : taskType.strip();
      tier = tier == null || tier.isBlank() ? "*" : tier.strip().toLowerCase(Locale.ROOT);
      if (!tier.matches("low|medium|high|\\*")) {
        throw new IllegalArgumentException("routing rule '" + name + "': tier must be low, medium, high or *");
      }
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
