package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One string of a JSON tree, a member of an object or an element of an array, read and replaced in place. Not API. */
final class TextSlot {
  private final ObjectNode object;
  private final String field;
  private final ArrayNode array;
  private final int index;

  private TextSlot(ObjectNode object, String field, ArrayNode array, int index) {
    this.object = object;
    this.field = field;
    this.array = array;
    this.index = index;
  }

  /** Member {@code field} of {@code parent} when {@code parent} is an object and the member a string, else {@code null}. */
  static TextSlot member(JsonNode parent, String field) {
    return parent instanceof ObjectNode o && o.path(field).isTextual() ? new TextSlot(o, field, null, -1) : null;
  }

  /** Element {@code index} of {@code parent} when it is a string, else {@code null}. */
  static TextSlot element(ArrayNode parent, int index) {
    return parent.path(index).isTextual() ? new TextSlot(null, null, parent, index) : null;
  }

  String get() {
    return (object != null ? object.get(field) : array.get(index)).textValue();
  }

  void set(String text) {
    if (object != null) {
      object.put(field, text);
    } else {
      array.set(index, array.textNode(text));
    }
  }
}
