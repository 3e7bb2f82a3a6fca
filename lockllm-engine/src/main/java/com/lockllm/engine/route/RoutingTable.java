package com.lockllm.engine.route;

import com.lockllm.scan.ModelRouting;
import java.util.Objects;

/**
 * Which model a routed request goes to, from the configured {@link ModelRouting}: one model per
 * complexity tier ({@code low}, {@code medium}, {@code high}) for {@code auto}, and the first
 * matching rule for {@code custom}. A tier with no model leaves the request's own model in place.
 */
public final class RoutingTable {
  private static final RoutingTable EMPTY = new RoutingTable(ModelRouting.NONE);

  private final ModelRouting routing;

  private RoutingTable(ModelRouting routing) {
    this.routing = Objects.requireNonNull(routing, "routing");
  }

  /** No models, no rules: routing reports task type and complexity but keeps the request's model. */
  public static RoutingTable empty() {
    return EMPTY;
  }

  public static RoutingTable of(ModelRouting routing) {
    return new RoutingTable(routing);
  }

  /** The model of {@code tier} ({@code low}, {@code medium} or {@code high}), or {@code null}. */
  public String model(String tier) {
    return switch (tier) {
      case "low" -> routing.low();
      case "medium" -> routing.medium();
      case "high" -> routing.high();
      default -> null;
    };
  }

  /** The first rule for {@code taskType} and {@code tier}, or {@code null}. */
  public ModelRouting.Rule rule(String taskType, String tier) {
    for (ModelRouting.Rule rule : routing.rules()) {
      if ((rule.taskType().equals("*") || rule.taskType().equalsIgnoreCase(taskType))
          && (rule.tier().equals("*") || rule.tier().equals(tier))) {
        return rule;
      }
    }
    return null;
  }
}
