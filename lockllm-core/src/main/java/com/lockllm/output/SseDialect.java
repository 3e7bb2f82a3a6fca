package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one provider's server-sent events carry the model's text: which event fields are chunks of
 * which channel, and which events end a channel or repeat its whole text. One instance per answer;
 * not thread-safe. Not API.
 */
abstract class SseDialect {
  /** Reads one event whose data is JSON: guards its text slots in place and ends the channels it ends. */
  abstract void event(SseEvent event, JsonNode data, SseSession session);

  /** The shape whose error event ends this answer, or null while it is not known. */
  abstract Shape shape();

  /** A dialect for {@code shape}. */
  static SseDialect of(Shape shape) {
    return switch (shape) {
      case OPENAI -> new OpenAiSse();
      case RESPONSES -> new ResponsesSse();
      case ANTHROPIC -> new AnthropicSse();
      case GEMINI -> new GeminiSse();
      case COHERE -> new CohereSse();
      case UNKNOWN -> new LeafSse();
    };
  }

  /** The event's top-level members but {@code except}, shared (not copied): the envelope of events we build. */
  static ObjectNode envelope(JsonNode data, String... except) {
    ObjectNode envelope = AnswerJson.object();
    data.properties().forEach(member -> {
      for (String name : except) {
        if (name.equals(member.getKey())) {
          return;
        }
      }
      envelope.set(member.getKey(), member.getValue());
    });
    return envelope;
  }

  /** The event name of a delta event we build: {@code name} where the stream names its events, else none. */
  static String named(SseEvent event, String name) {
    return event.name() == null ? null : name;
  }
}
