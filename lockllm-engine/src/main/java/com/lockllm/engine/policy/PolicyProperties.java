package com.lockllm.engine.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the flat property layout of {@link PolicySet#fromProperties}. */
final class PolicyProperties {
  private static final Pattern KEY = Pattern.compile(
      "policies(?:\\.([^.\\[\\]]+)|\\[(\\d+)])\\.(?:(name|description)"
          + "|categories(?:\\.([^.\\[\\]]+)|\\[(\\d+)])\\.(name|description|phrases|patterns|examples)"
          + "(?:\\[(\\d+)])?)");
  static final String SIMILARITY = "policy-similarity";

  /** Keys sort by number when both are list indices, else as strings, so [10] follows [9]. */
  private static final Comparator<String> KEY_ORDER = (a, b) -> {
    boolean na = a.startsWith("[");
    boolean nb = b.startsWith("[");
    if (na && nb) {
      return Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)));
    }
    return na != nb ? (na ? -1 : 1) : a.compareTo(b);
  };

  private PolicyProperties() {}

  private static final class Cat {
    String name;
    String description;
    final List<String> phrases = new ArrayList<>();
    final TreeMap<Integer, String> indexedPhrases = new TreeMap<>();
    final List<String> patterns = new ArrayList<>();
    final TreeMap<Integer, String> indexedPatterns = new TreeMap<>();
    final List<String> examples = new ArrayList<>();
    final TreeMap<Integer, String> indexedExamples = new TreeMap<>();
  }

  private static final class Pol {
    String name;
    String description;
    final Map<String, Cat> categories = new TreeMap<>(KEY_ORDER);
  }

  static PolicySet parse(Map<String, String> properties, String prefix) {
    String pre = prefix == null ? "" : prefix;
    Map<String, Pol> policies = new TreeMap<>(KEY_ORDER);
    PolicySet.Builder builder = PolicySet.builder();
    for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(pre)) {
        continue;
      }
      String rest = key.substring(pre.length());
      String value = e.getValue() == null ? "" : e.getValue();
      if (rest.equals(SIMILARITY)) {
        builder.similarity(Double.parseDouble(value.strip()));
        continue;
      }
      if (!rest.startsWith("policies.") && !rest.startsWith("policies[")) {
        continue;
      }
      Matcher m = KEY.matcher(rest);
      if (!m.matches()) {
        throw new IllegalArgumentException("unknown policy property: " + key);
      }
      String pkey = m.group(1) != null ? m.group(1) : "[" + m.group(2);
      Pol pol = policies.computeIfAbsent(pkey, k -> new Pol());
      if (m.group(3) != null) {
        if (m.group(3).equals("name")) {
          pol.name = value;
        } else {
          pol.description = value;
        }
        continue;
      }
      String ckey = m.group(4) != null ? m.group(4) : "[" + m.group(5);
      Cat cat = pol.categories.computeIfAbsent(ckey, k -> new Cat());
      String field = m.group(6);
      Integer index = m.group(7) == null ? null : Integer.valueOf(m.group(7));
      switch (field) {
        case "name" -> cat.name = value;
        case "description" -> cat.description = value;
        case "phrases" -> {
          if (index != null) {
            cat.indexedPhrases.put(index, value);
          } else {
            for (String p : value.split(",")) {
              cat.phrases.add(p);
            }
          }
        }
        case "patterns" -> {
          if (index != null) {
            cat.indexedPatterns.put(index, value);
          } else {
            cat.patterns.add(value);
          }
        }
        default -> {
          if (index != null) {
            cat.indexedExamples.put(index, value);
          } else {
            cat.examples.add(value);
          }
        }
      }
    }
    for (Map.Entry<String, Pol> pe : policies.entrySet()) {
      Pol pol = pe.getValue();
      String name = pol.name != null ? pol.name : named(pe.getKey(), "policy");
      Policy.Builder pb = Policy.builder(name).description(pol.description);
      for (Map.Entry<String, Cat> ce : pol.categories.entrySet()) {
        Cat cat = ce.getValue();
        String cname = cat.name != null ? cat.name : named(ce.getKey(), "category of " + name);
        List<String> phrases = new ArrayList<>(cat.phrases);
        phrases.addAll(cat.indexedPhrases.values());
        List<String> patterns = new ArrayList<>(cat.patterns);
        patterns.addAll(cat.indexedPatterns.values());
        List<String> examples = new ArrayList<>(cat.examples);
        examples.addAll(cat.indexedExamples.values());
        try {
          pb.category(PolicyCategory.builder(cname).description(cat.description)
              .phrases(phrases.toArray(String[]::new))
              .patterns(patterns.stream().filter(s -> !s.isBlank()).toArray(String[]::new))
              .examples(examples.toArray(String[]::new))
              .build());
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(
              "policy '" + name + "', category '" + cname + "': " + ex.getMessage(), ex);
        }
      }
      builder.add(pb.build());
    }
    return builder.build();
  }

  private static String named(String key, String what) {
    if (key.startsWith("[")) {
      throw new IllegalArgumentException(what + " " + key + "] has no name");
    }
    return key;
  }
}
