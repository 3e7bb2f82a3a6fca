package com.lockllm.output;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configured JSON Pointers (RFC 6901) where a {@code *} token matches every element of an array
 * and every member of an object: every string at or under a match is text. Immutable. Not API.
 */
final class Pointers {
  private final List<String> pointers;
  private final List<List<String>> tokens;

  /** @throws IllegalArgumentException if there are none, or one is not a JSON Pointer */
  Pointers(List<String> pointers) {
    if (pointers.isEmpty()) {
      throw new IllegalArgumentException("answer pointers must not be empty");
    }
    this.pointers = List.copyOf(pointers);
    List<List<String>> compiled = new ArrayList<>();
    for (String pointer : this.pointers) {
      List<String> path = new ArrayList<>();
      for (JsonPointer p = JsonPointer.compile(pointer); !p.matches(); p = p.tail()) {
        path.add(p.getMatchingProperty());
      }
      compiled.add(List.copyOf(path));
    }
    this.tokens = List.copyOf(compiled);
  }

  List<String> pointers() {
    return pointers;
  }

  /**
   * Every string at or under a match in {@code root}, by its concrete pointer (array indexes and
   * member names, escaped), each once, in the order of the pointers then of the document.
   */
  Map<String, TextSlot> strings(JsonNode root) {
    Map<String, TextSlot> found = new LinkedHashMap<>();
    for (List<String> path : tokens) {
      walk(root, null, "", path, 0, found);
    }
    return found;
  }

  private static void walk(JsonNode node, TextSlot self, String at, List<String> path, int i,
      Map<String, TextSlot> found) {
    if (i == path.size()) {
      strings(node, self, at, found);
      return;
    }
    String token = path.get(i);
    boolean all = "*".equals(token);
    if (node instanceof ObjectNode object) {
      if (all) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
          String name = member.getKey();
          walk(member.getValue(), TextSlot.member(object, name), at + "/" + escape(name), path, i + 1, found);
        }
      } else if (object.has(token)) {
        walk(object.get(token), TextSlot.member(object, token), at + "/" + escape(token), path, i + 1, found);
      }
    } else if (node instanceof ArrayNode array) {
      int index = all ? -1 : JsonPointer.compile("/" + escape(token)).getMatchingIndex();
      for (int e = 0; e < array.size(); e++) {
        if (all || e == index) {
          walk(array.get(e), TextSlot.element(array, e), at + "/" + e, path, i + 1, found);
        }
      }
    }
  }

  private static void strings(JsonNode node, TextSlot self, String at, Map<String, TextSlot> found) {
    if (node.isTextual()) {
      if (self != null) {
        found.putIfAbsent(at, self);
      }
    } else if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        strings(member.getValue(), TextSlot.member(object, member.getKey()), at + "/" + escape(member.getKey()), found);
      }
    } else if (node instanceof ArrayNode array) {
      for (int e = 0; e < array.size(); e++) {
        strings(array.get(e), TextSlot.element(array, e), at + "/" + e, found);
      }
    }
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
