package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer of a format to be detected: the first JSON event that shows a known shape (by its
 * event name or type, or by its {@code choices} or {@code candidates}) picks the dialect for the
 * rest of the stream. Events before it are read by {@link LeafSse}. Not API.
 */
final class AutoSse extends SseDialect {
  private SseDialect chosen;

  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    if (chosen == null) {
      Shape shape = Shape.ofEvent(event.name(), data);
      if (shape == null) {
        new LeafSse().event(event, data, session);
        return;
      }
      chosen = SseDialect.of(shape);
    }
    chosen.event(event, data, session);
  }

  @Override
  Shape shape() {
    return chosen == null ? null : chosen.shape();
  }
}
