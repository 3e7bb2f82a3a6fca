package com.lockllm.engine.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which model a routed request goes to: one model per complexity tier ({@code low}, {@code medium},
 * {@code high}) for {@code auto}, and named rules (task type and tier, either {@code *}) tried in
 * name order for {@code custom}. A tier with no model leaves the request's own model in place.
 */
public final class RoutingTable {
  private static final Pattern KEY = Pattern.compile("routing\\.(?:models\\.(low|medium|high)|rules\\.([^.]+)\\.(task-type|tier|model))");

  private final Map<String, String> models;
  private final List<Rule> rules;

  private RoutingTable(Map<String, String> models, List<Rule> rules) {
    this.models = Map.copyOf(models);
    this.rules = List.copyOf(rules);
  }

  /** A rule of {@code custom} routing. */
  public record Rule(String name, String taskType, String tier, String model) {
    public Rule {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(model, "model");
      taskType = taskType == null ? "*" : taskType;
      tier = tier == null ? "*" : tier.toLowerCase(Locale.ROOT);
    }

    boolean matches(String task, String t) {
      return (taskType.equals("*") || taskType.equalsIgnoreCase(task)) && (tier.equals("*") || tier.equals(t));
    }
  }

  /** No models, no rules: routing reports task type and complexity but keeps the request's model. */
  public static RoutingTable empty() {
    return new RoutingTable(Map.of(), List.of());
  }

  public static RoutingTable of(Map<String, String> tierModels, List<Rule> rules) {
    return new RoutingTable(tierModels, rules);
  }

  /**
   * Reads {@code routing.models.low|medium|high=<model>} and {@code
   * routing.rules.<name>.task-type|tier|model}; other keys are ignored.
   *
   * @throws IllegalArgumentException for a malformed {@code routing.*} key or a rule without a model
   */
  public static RoutingTable fromProperties(Map<String, String> properties) {
    Map<String, String> models = new TreeMap<>();
    Map<String, String[]> rules = new TreeMap<>();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (!e.getKey().startsWith("routing.")) {
        continue;
      }
      Matcher m = KEY.matcher(e.getKey());
      if (!m.matches()) {
        throw new IllegalArgumentException("unknown routing property: " + e.getKey());
      }
      String value = e.getValue() == null ? "" : e.getValue().strip();
      if (m.group(1) != null) {
        models.put(m.group(1), value);
        continue;
      }
      String[] rule = rules.computeIfAbsent(m.group(2), k -> new String[3]);
      switch (m.group(3)) {
        case "task-type" -> rule[0] = value;
        case "tier" -> rule[1] = value;
        default -> rule[2] = value;
      }
    }
    List<Rule> list = new ArrayList<>();
    rules.forEach((name, r) -> {
      if (r[2] == null || r[2].isEmpty()) {
        throw new IllegalArgumentException("routing rule '" + name + "' has no model");
      }
      if (r[1] != null && !r[1].matches("(?i)low|medium|high|\\*")) {
        throw new IllegalArgumentException("routing rule '" + name + "': tier must be low, medium, high or *");
      }
      list.add(new Rule(name, r[0], r[1], r[2]));
    });
    return new RoutingTable(models, list);
  }

  /** The model of {@code tier}, or {@code null}. */
  public String model(String tier) {
    String model = models.get(tier);
    return model == null || model.isEmpty() ? null : model;
  }

  /** The first rule for {@code taskType} and {@code tier}, or {@code null}. */
  public Rule rule(String taskType, String tier) {
    for (Rule rule : rules) {
      if (rule.matches(taskType, tier)) {
        return rule;
      }
    }
    return null;
  }
}
