package com.lockllm.engine.compress;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Encodes a JSON value as TOON (Token-Oriented Object Notation, spec v3): YAML-like indentation for
 * objects, {@code key[N]: a,b} for arrays of primitives, {@code key[N]{f,g}:} with one comma-separated
 * row per element for arrays of objects that share the same primitive fields, and {@code - } list
 * items for everything else. Lossless for the JSON data model; strings are quoted only where TOON
 * needs it. An encoder only: nothing here reads TOON back.
 */
public final class Toon {
  private static final String INDENT = "  ";
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern NUMBER_LIKE = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|-?\\.\\d+|0\\d+");

  private Toon() {}

  /** {@code value} as TOON text (no trailing newline). */
  public static String encode(JsonNode value) {
    StringBuilder out = new StringBuilder();
    if (value.isObject()) {
      fields(value, 0, out);
    } else if (value.isArray()) {
      array(null, value, 0, out);
    } else {
      out.append(primitive(value));
    }
    return out.toString();
  }

  private static void fields(JsonNode object, int depth, StringBuilder out) {
    Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      field(e.getKey(), e.getValue(), depth, out);
    }
  }

  private static void field(String key, JsonNode value, int depth, StringBuilder out) {
    if (value.isArray()) {
      array(key, value, depth, out);
      return;
    }
    line(out, depth).append(key(key)).append(':');
    if (value.isObject()) {
      fields(value, depth + 1, out);
    } else {
      out.append(' ').append(primitive(value));
    }
  }

  private static void array(String key, JsonNode array, int depth, StringBuilder out) {
    String head = (key == null ? "" : key(key)) + "[" + array.size() + "]";
    if (array.isEmpty()) {
      line(out, depth).append(head).append(':');
      return;
    }
    if (allPrimitive(array)) {
      List<String> items = new ArrayList<>();
      array.forEach(v -> items.add(primitive(v)));
      line(out, depth).append(head).append(": ").append(String.join(",", items));
      return;
    }
    List<String> columns = tabularColumns(array);
    if (columns != null) {
      List<String> keys = columns.stream().map(Toon::key).toList();
      line(out, depth).append(head).append('{').append(String.join(",", keys)).append("}:");
      for (JsonNode row : array) {
        List<String> cells = new ArrayList<>();
        columns.forEach(c -> cells.add(primitive(row.get(c))));
        line(out, depth + 1).append(String.join(",", cells));
      }
      return;
    }
    line(out, depth).append(head).append(':');
    for (JsonNode item : array) {
      listItem(item, depth + 1, out);
    }
  }

  private static void listItem(JsonNode item, int depth, StringBuilder out) {
    if (item.isArray()) {
      StringBuilder nested = new StringBuilder();
      array(null, item, depth, nested);
      line(out, depth).append("- ").append(nested.toString().stripLeading());
    } else if (item.isObject() && !item.isEmpty()) {
      StringBuilder nested = new StringBuilder();
      fields(item, depth + 1, nested);
      // the first field goes on the hyphen's line
      line(out, depth).append("- ").append(nested.toString().stripLeading());
    } else if (item.isObject()) {
      line(out, depth).append('-');
    } else {
      line(out, depth).append("- ").append(primitive(item));
    }
  }

  /** The shared field names when every element is a non-empty object with the same primitive fields, else {@code null}. */
  private static List<String> tabularColumns(JsonNode array) {
    List<String> columns = null;
    for (JsonNode element : array) {
      if (!element.isObject() || element.isEmpty()) {
        return null;
      }
      List<String> names = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = element.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isContainerNode()) {
          return null;
        }
        names.add(e.getKey());
      }
      if (columns == null) {
        columns = names;
      } else if (!columns.equals(names)) {
        return null;
      }
    }
    return columns;
  }

  private static boolean allPrimitive(JsonNode array) {
    for (JsonNode v : array) {
      if (v.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static StringBuilder line(StringBuilder out, int depth) {
    if (!out.isEmpty()) {
      out.append('\n');
    }
    return out.append(INDENT.repeat(depth));
  }

  private static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : quote(key);
  }

  private static String primitive(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isBoolean()) {
      return v.asText();
    }
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue();
      if (d.signum() == 0) {
        return "0";
      }
      return v.isIntegralNumber() ? v.bigIntegerValue().toString() : d.stripTrailingZeros().toPlainString();
    }
    String s = v.asText();
    return needsQuotes(s) ? quote(s) : s;
  }

  private static boolean needsQuotes(String s) {
    if (s.isEmpty() || !s.equals(s.strip()) || s.equals("true") || s.equals("false") || s.equals("null")
        || s.startsWith("-") || NUMBER_LIKE.matcher(s).matches()) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':' || c == '"' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}' || c == ','
          || c < 0x20) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
