package com.lockllm.config;

import com.lockllm.output.Allowlist;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answer side's open-ended options from the flat layout of {@code web.xml} init-params
 * and of binders that hand nested maps over flat (Micronaut's): {@code
 * output.patterns.KEY.name|regex|action|max-span} (the name defaults to the key; the action to
 * {@code strip}; the span to {@value OutputPolicy#DEFAULT_PATTERN_MAX_SPAN}) and {@code
 * output.allowlist.KEY.sha256|pattern|type|owner|reason}; a key may be a list index ({@code
 * output.allowlist[0].owner}).
 */
final class OutputProperties {
  static final String PATTERNS = "output.patterns";
  static final String ALLOWLIST = "output.allowlist";

  private static final Pattern PATTERN_KEY =
      Pattern.compile("output\\.patterns(?:\\.([^.\\[\\]]+)|\\[(\\d+)])\\.(name|regex|action|max-span)");
  private static final Pattern ALLOWLIST_KEY =
      Pattern.compile("output\\.allowlist(?:\\.([^.\\[\\]]+)|\\[(\\d+)])\\.(sha256|pattern|type|owner|reason)");

  private OutputProperties() {}

  static boolean isPatternKey(String key) {
    return key.startsWith(PATTERNS + ".") || key.startsWith(PATTERNS + "[");
  }

  static boolean isAllowlistKey(String key) {
    return key.startsWith(ALLOWLIST + ".") || key.startsWith(ALLOWLIST + "[");
  }

  /**
   * The custom patterns among {@code properties} (other keys are ignored).
   *
   * @throws IllegalArgumentException naming a malformed key, a pattern without a regex or a name, a
   *     bad regex, action or span
   */
  static List<OutputPolicy.CustomPattern> patterns(Map<String, String> properties) {
    Map<String, Map<String, String>> byKey = group(properties, PATTERNS, PATTERN_KEY);
    List<OutputPolicy.CustomPattern> patterns = new ArrayList<>(byKey.size());
    byKey.forEach((key, fields) -> {
      String name = fields.containsKey("name") ? fields.get("name") : named(key, "output pattern");
      String where = PATTERNS + "." + name;
      String regex = fields.get("regex");
      if (regex == null || regex.isEmpty()) {
        throw new IllegalArgumentException(where + " has no regex");
      }
      OutputAction action = fields.containsKey("action")
          ? LockLLMSettings.wire(OutputAction.class, fields.get("action"), where + ".action") : OutputAction.STRIP;
      int maxSpan = fields.containsKey("max-span") ? number(fields.get("max-span"), where + ".max-span")
          : OutputPolicy.DEFAULT_PATTERN_MAX_SPAN;
      patterns.add(new OutputPolicy.CustomPattern(name, Pattern.compile(regex), action, maxSpan));
    });
    return patterns;
  }

  /**
   * The allowlist entries among {@code properties} (other keys are ignored).
   *
   * @throws IllegalArgumentException naming a malformed key, or an entry without an owner and a
   *     reason, or with neither or both of a hash and a pattern
   */
  static List<Allowlist.Entry> allowlist(Map<String, String> properties) {
    Map<String, Map<String, String>> byKey = group(properties, ALLOWLIST, ALLOWLIST_KEY);
    List<Allowlist.Entry> entries = new ArrayList<>(byKey.size());
    byKey.forEach((key, fields) -> {
      try {
        String pattern = fields.get("pattern");
        entries.add(new Allowlist.Entry(fields.get("sha256"), pattern == null ? null : Pattern.compile(pattern),
            fields.get("type"), fields.get("owner"), fields.get("reason")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(ALLOWLIST + (key.startsWith("[") ? key + "]" : "." + key) + ": "
            + e.getMessage(), e);
      }
    });
    return entries;
  }

  /** Each entry's fields (values stripped) by its key, keys in {@link EngineProperties#KEY_ORDER}. */
  private static Map<String, Map<String, String>> group(Map<String, String> properties, String prefix, Pattern layout) {
    Map<String, Map<String, String>> byKey = new TreeMap<>(EngineProperties.KEY_ORDER);
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (!e.getKey().startsWith(prefix + ".") && !e.getKey().startsWith(prefix + "[")) {
        continue;
      }
      Matcher m = layout.matcher(e.getKey());
      if (!m.matches()) {
        throw new IllegalArgumentException("unknown property: " + e.getKey());
      }
      String value = e.getValue() == null ? "" : e.getValue().strip();
      byKey.computeIfAbsent(m.group(1) != null ? m.group(1) : "[" + m.group(2), k -> new TreeMap<>())
          .put(m.group(3), value);
    }
    return byKey;
  }

  private static int number(String value, String where) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " is not a number: '" + value + "'");
    }
  }

  private static String named(String key, String what) {
    if (key.startsWith("[")) {
      throw new IllegalArgumentException(what + " " + key + "] has no name");
    }
    return key;
  }
}
