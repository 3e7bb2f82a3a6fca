package com.lockllm.config;

import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.ModelRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the embedded engine's settings from the flat layout of {@code web.xml} init-params and the
 * CLI's policy files: {@code policies.KEY.name|description}, {@code
 * policies.KEY.categories.KEY.name|description|phrases|patterns|examples} (a key may be a list index,
 * {@code policies[0]}, and a list value indexed, {@code phrases[0]}; {@code phrases} without an index
 * is comma-separated), {@code routing.models.low|medium|high} and {@code
 * routing.rules.NAME.task-type|tier|model}.
 */
final class EngineProperties {
  private static final Pattern POLICY_KEY = Pattern.compile(
      "policies(?:\\.([^.\\[\\]]+)|\\[(\\d+)])\\.(?:(name|description)"
          + "|categories(?:\\.([^.\\[\\]]+)|\\[(\\d+)])\\.(name|description|phrases|patterns|examples)"
          + "(?:\\[(\\d+)])?)");
  private static final Pattern ROUTING_KEY =
      Pattern.compile("routing\\.(?:models\\.(low|medium|high)|rules\\.([^.]+)\\.(task-type|tier|model))");

  /** Keys sort by number when both are list indices, else as strings, so [10] follows [9]. */
  static final Comparator<String> KEY_ORDER = (a, b) -> {
    boolean na = a.startsWith("[");
    boolean nb = b.startsWith("[");
    if (na && nb) {
      return Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)));
    }
    return na != nb ? (na ? -1 : 1) : a.compareTo(b);
  };

  private EngineProperties() {}

  static boolean isPolicyKey(String key) {
    return key.startsWith("policies.") || key.startsWith("policies[");
  }

  static boolean isRoutingKey(String key) {
    return key.startsWith("routing.");
  }

  /**
   * The policies among {@code properties} (other keys are ignored), in key order.
   *
   * @throws IllegalArgumentException naming a malformed key, or a policy or category with no name
   */
  static List<CustomPolicy> policies(Map<String, String> properties) {
    Map<String, Pol> policies = new TreeMap<>(KEY_ORDER);
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (!isPolicyKey(e.getKey())) {
        continue;
      }
      Matcher m = POLICY_KEY.matcher(e.getKey());
      if (!m.matches()) {
        throw new IllegalArgumentException("unknown policy property: " + e.getKey());
      }
      String value = e.getValue() == null ? "" : e.getValue();
      Pol pol = policies.computeIfAbsent(m.group(1) != null ? m.group(1) : "[" + m.group(2), k -> new Pol());
      if (m.group(3) != null) {
        if (m.group(3).equals("name")) {
          pol.name = value;
        } else {
          pol.description = value;
        }
        continue;
      }
      Cat cat = pol.categories.computeIfAbsent(m.group(4) != null ? m.group(4) : "[" + m.group(5), k -> new Cat());
      Integer index = m.group(7) == null ? null : Integer.valueOf(m.group(7));
      switch (m.group(6)) {
        case "name" -> cat.name = value;
        case "description" -> cat.description = value;
        case "phrases" -> cat.phrases.add(index, index == null ? LockLLMSettings.list(value) : List.of(value));
        case "patterns" -> cat.patterns.add(index, List.of(value));
        default -> cat.examples.add(index, List.of(value));
      }
    }
    List<CustomPolicy> result = new ArrayList<>(policies.size());
    policies.forEach((key, pol) -> {
      String name = pol.name != null ? pol.name : named(key, "policy");
      List<CustomPolicy.Category> categories = new ArrayList<>();
      pol.categories.forEach((ckey, cat) -> categories.add(new CustomPolicy.Category(
          cat.name != null ? cat.name : named(ckey, "category of " + name), cat.description,
          cat.phrases.values(), cat.patterns.values().stream().filter(p -> !p.isBlank()).toList(),
          cat.examples.values())));
      result.add(new CustomPolicy(name, pol.description, categories));
    });
    return result;
  }

  /**
   * The routing among {@code properties} (other keys are ignored); rules in name order.
   *
   * @throws IllegalArgumentException for a malformed key, or a rule without a model or with a bad tier
   */
  static ModelRouting routing(Map<String, String> properties) {
    Map<String, String> models = new TreeMap<>();
    Map<String, String[]> rules = new TreeMap<>();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (!isRoutingKey(e.getKey())) {
        continue;
      }
      Matcher m = ROUTING_KEY.matcher(e.getKey());
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
    List<ModelRouting.Rule> list = new ArrayList<>(rules.size());
    rules.forEach((name, r) -> list.add(new ModelRouting.Rule(name, r[0], r[1], r[2])));
    return new ModelRouting(models.get("low"), models.get("medium"), models.get("high"), list);
  }

  private static String named(String key, String what) {
    if (key.startsWith("[")) {
      throw new IllegalArgumentException(what + " " + key + "] has no name");
    }
    return key;
  }

  private static final class Pol {
    String name;
    String description;
    final Map<String, Cat> categories = new TreeMap<>(KEY_ORDER);
  }

  private static final class Cat {
    String name;
    String description;
    final Items phrases = new Items();
    final Items patterns = new Items();
    final Items examples = new Items();
  }

  /** Values given as one (unindexed) property first, then indexed ones in index order. */
  private static final class Items {
    private final List<String> unindexed = new ArrayList<>();
    private final TreeMap<Integer, String> indexed = new TreeMap<>();

    void add(Integer index, List<String> values) {
      if (index == null) {
        unindexed.addAll(values);
      } else {
        indexed.put(index, values.get(0));
      }
    }

    List<String> values() {
      List<String> all = new ArrayList<>(unindexed);
      all.addAll(indexed.values());
      return all;
    }
  }
}
