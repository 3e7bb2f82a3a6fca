package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;

/**
 * Cohere chat events. v2: {@code content-delta} (text, or thinking for reasoning models) with one
 * channel per content index, ending at its {@code content-end}; {@code tool-plan-delta}, ending at
 * the first {@code tool-call-start}; {@code tool-call-delta} arguments per tool call index, ending
 * at its {@code tool-call-end}; everything ends at {@code message-end}. v1, where its events come as
 * SSE: {@code text-generation} text, ending at {@code stream-end}. Not API.
 */
final class CohereSse extends SseDialect {
  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    int index = data.path("index").asInt();
    JsonNode message = data.path("delta").path("message");
    String type = data.path("type").asText(data.path("event_type").asText());
    switch (type) {
      case "content-start", "content-delta" -> {
        JsonNode content = message.path("content");
        guard(event, session, "content/" + index, ChannelKind.TEXT, content, "text",
            (d, t) -> d.put("index", index).putObject("delta").putObject("message").putObject("content").put("text", t));
        guard(event, session, "thinking/" + index, ChannelKind.REASONING, content, "thinking",
            (d, t) -> d.put("index", index).putObject("delta").putObject("message").putObject("content").put("thinking", t));
      }
      case "content-end" -> {
        session.end("content/" + index);
        session.end("thinking/" + index);
      }
      case "tool-plan-delta" -> guard(event, session, "plan", ChannelKind.REASONING, message, "tool_plan",
          (d, t) -> d.putObject("delta").putObject("message").put("tool_plan", t));
      case "tool-call-start", "tool-call-delta" -> {
        session.end("plan");
        guard(event, session, "tool/" + index, ChannelKind.TOOL_ARGUMENTS, message.path("tool_calls").path("function"),
            "arguments", (d, t) -> d.put("index", index).putObject("delta").putObject("message").putObject("tool_calls")
                .putObject("function").put("arguments", t));
      }
      case "tool-call-end" -> session.end("tool/" + index);
      case "message-end", "stream-end" -> session.endAll();
      case "text-generation" -> {
        TextSlot slot = TextSlot.member(data, "text");
        if (slot != null) {
          session.guard("v1", ChannelKind.TEXT, slot, new SseSession.Synth(event.name(),
              t -> AnswerJson.object().put("is_finished", false).put("event_type", "text-generation").put("text", t)));
        }
      }
      default -> { }
    }
  }

  private static void guard(SseEvent event, SseSession session, String key, ChannelKind kind, JsonNode holder, String field,
      BiConsumer<ObjectNode, String> body) {
    TextSlot slot = TextSlot.member(holder, field);
    if (slot == null) {
      return;
    }
    String type = key.startsWith("tool/") ? "tool-call-delta" : key.equals("plan") ? "tool-plan-delta" : "content-delta";
    session.guard(key, kind, slot, new SseSession.Synth(named(event, type), text -> {
      ObjectNode data = AnswerJson.object().put("type", type);
      body.accept(data, text);
      return data;
    }));
  }

  @Override
  Shape shape() {
    return Shape.COHERE;
  }
}
