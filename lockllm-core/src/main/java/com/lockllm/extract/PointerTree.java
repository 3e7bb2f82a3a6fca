package com.lockllm.extract;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured JSON Pointers compiled into a tree of reference tokens, so that the extractor
 * follows them while it streams instead of resolving each pointer against a tree. A node answers
 * "which node does this member or element lead to"; {@link #ALL} stands for "at or under a
 * pointer's target", where every string is wanted. Immutable. Not API.
 */
final class PointerTree {
  static final PointerTree ALL = new PointerTree(Map.of(), new int[0], new PointerTree[0]);

  private final Map<String, PointerTree> fields;
  private final int[] indexes;
  private final PointerTree[] indexNodes;

  private PointerTree(Map<String, PointerTree> fields, int[] indexes, PointerTree[] indexNodes) {
    this.fields = fields;
    this.indexes = indexes;
    this.indexNodes = indexNodes;
  }

  /**
   * The tree of {@code pointers}, or {@code null} when there are none.
   *
   * @throws IllegalArgumentException if a pointer is not a valid RFC 6901 pointer
   */
  static PointerTree compile(List<String> pointers) {
    if (pointers.isEmpty()) {
      return null;
    }
    Node root = new Node();
    for (String pointer : pointers) {
      Node node = root;
      for (JsonPointer p = JsonPointer.compile(pointer); !p.matches(); p = p.tail()) {
        node = node.children.computeIfAbsent(p.getMatchingProperty(), k -> new Node());
      }
      node.target = true;
    }
    return root.build();
  }

  /** The node for member {@code name} of an object at this node, or {@code null}. */
  PointerTree field(String name) {
    return this == ALL ? ALL : fields.get(name);
  }

  /** The node for element {@code index} of an array at this node, or {@code null}. */
  PointerTree index(int index) {
    if (this == ALL) {
      return ALL;
    }
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] == index) {
        return indexNodes[i];
      }
    }
    return null;
  }

  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();
    boolean target;

    PointerTree build() {
      if (target) {
        // a pointer's target covers everything under it, so longer pointers below it add nothing
        return ALL;
      }
      Map<String, PointerTree> fields = new HashMap<>();
      Map<Integer, PointerTree> elements = new LinkedHashMap<>();
      children.forEach((token, child) -> {
        PointerTree built = child.build();
        fields.put(token, built);
        int index = arrayIndex(token);
        if (index >= 0) {
          elements.put(index, built);
        }
      });
      int[] indexes = new int[elements.size()];
      PointerTree[] indexNodes = new PointerTree[elements.size()];
      int i = 0;
      for (Map.Entry<Integer, PointerTree> e : elements.entrySet()) {
        indexes[i] = e.getKey();
        indexNodes[i++] = e.getValue();
      }
      return new PointerTree(Map.copyOf(fields), indexes, indexNodes);
    }
  }

  /** RFC 6901 array index: {@code 0} or digits without a leading zero; -1 for anything else. */
  static int arrayIndex(String token) {
    int len = token.length();
    if (len == 0 || len > 9 || (len > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < len; i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
