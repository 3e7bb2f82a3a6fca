package com.lockllm.output;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Events read through configured pointers: every string they reach is a chunk of the channel of its
 * concrete path (array indexes included), so the same path in the next event continues it. A
 * stream read this way marks no channel's end: all end at {@code [DONE]} or when the upstream
 * ends, each held text sent in a copy of the channel's last event with every other text emptied.
 * Not API.
 */
final class PointerSse extends SseDialect {
  private final Pointers pointers;

  PointerSse(Pointers pointers) {
    this.pointers = pointers;
  }

  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    Map<String, TextSlot> strings = pointers.strings(data);
    if (strings.isEmpty()) {
      return;
    }
    JsonNode template = data.deepCopy();
    pointers.strings(template).values().forEach(slot -> slot.set(""));
    strings.forEach((path, slot) -> session.guard(path, ChannelKind.TEXT, slot, new SseSession.Synth(event.name(), text -> {
      JsonNode copy = template.deepCopy();
      JsonPointer at = JsonPointer.compile(path);
      JsonNode parent = copy.at(at.head());
      if (parent instanceof ObjectNode object) {
        object.put(at.last().getMatchingProperty(), text);
      } else if (parent instanceof ArrayNode array) {
        array.set(at.last().getMatchingIndex(), array.textNode(text));
      }
      return copy;
    })));
  }

  @Override
  Shape shape() {
    return Shape.UNKNOWN;
  }
}
