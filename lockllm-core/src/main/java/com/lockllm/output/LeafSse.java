package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Events of no known shape: every string of the event is checked whole, on a channel of its own.
 * Nothing is held across events (a string of one event does not continue in the next, as far as we
 * know), so a match split across two events is not caught: configure the format or the pointers
 * where that matters. Not API.
 */
final class LeafSse extends SseDialect {
  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    List<BufferedTexts.Located> texts = new ArrayList<>();
    BufferedTexts.leaves(data, ChannelKind.TEXT, texts);
    for (BufferedTexts.Located text : texts) {
      session.whole(text.kind(), text.slot());
    }
  }

  @Override
  Shape shape() {
    return Shape.UNKNOWN;
  }
}
