package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Responses events. Deltas ({@code response.output_text.delta}, {@code .refusal.delta},
 * {@code .function_call_arguments.delta}, {@code .reasoning_summary_text.delta}, {@code
 * .reasoning_text.delta}) are chunks of one channel per output item and part. The events that
 * repeat a whole text ({@code .done}, {@code content_part.done}, {@code output_item.done}, {@code
 * response.completed} and its kin) first end the channels they close, then carry their text through
 * a replay channel, so the repeat reads as the deltas were sent. Texts in {@code .added} events
 * (empty in practice) are checked whole. Not API.
 */
final class ResponsesSse extends SseDialect {
  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    String type = data.path("type").asText(event.name() == null ? "" : event.name());
    String item = data.path("item_id").asText("#" + data.path("output_index").asInt());
    String text = item + "/text/" + data.path("content_index").asInt();
    String refusal = item + "/refusal/" + data.path("content_index").asInt();
    String reasoning = item + "/reasoning/" + data.path("content_index").asInt();
    String summary = item + "/summary/" + data.path("summary_index").asInt();
    String arguments = item + "/arguments";
    switch (type) {
      case "response.output_text.delta" -> delta(event, data, session, text, ChannelKind.TEXT);
      case "response.refusal.delta" -> delta(event, data, session, refusal, ChannelKind.TEXT);
      case "response.function_call_arguments.delta", "response.custom_tool_call_input.delta" ->
          delta(event, data, session, arguments, ChannelKind.TOOL_ARGUMENTS);
      case "response.reasoning_summary_text.delta" -> delta(event, data, session, summary, ChannelKind.REASONING);
      case "response.reasoning_text.delta" -> delta(event, data, session, reasoning, ChannelKind.REASONING);
      case "response.output_text.done" -> done(data, session, text, "text", ChannelKind.TEXT);
      case "response.refusal.done" -> done(data, session, refusal, "refusal", ChannelKind.TEXT);
      case "response.function_call_arguments.done" -> done(data, session, arguments, "arguments", ChannelKind.TOOL_ARGUMENTS);
      case "response.custom_tool_call_input.done" -> done(data, session, arguments, "input", ChannelKind.TOOL_ARGUMENTS);
      case "response.reasoning_summary_text.done" -> done(data, session, summary, "text", ChannelKind.REASONING);
      case "response.reasoning_text.done" -> done(data, session, reasoning, "text", ChannelKind.REASONING);
      case "response.content_part.done" -> {
        JsonNode part = data.path("part");
        switch (part.path("type").asText()) {
          case "output_text" -> done(part, session, text, "text", ChannelKind.TEXT);
          case "refusal" -> done(part, session, refusal, "refusal", ChannelKind.TEXT);
          case "reasoning_text" -> done(part, session, reasoning, "text", ChannelKind.REASONING);
          default -> { }
        }
      }
      case "response.reasoning_summary_part.done" -> done(data.path("part"), session, summary, "text", ChannelKind.REASONING);
      case "response.content_part.added", "response.reasoning_summary_part.added" -> {
        JsonNode part = data.path("part");
        boolean thought = type.contains("reasoning") || "reasoning_text".equals(part.path("type").asText());
        whole(session, part, "text", thought ? ChannelKind.REASONING : ChannelKind.TEXT);
        whole(session, part, "refusal", ChannelKind.TEXT);
      }
      case "response.output_item.added" -> {
        List<BufferedTexts.Located> texts = new ArrayList<>();
        BufferedTexts.responseItem(data.path("item"), texts);
        texts.forEach(t -> session.whole(t.kind(), t.slot()));
      }
      case "response.output_item.done" -> {
        String id = data.path("item").path("id").asText(item);
        session.endAll(key -> key.startsWith(id + "/"));
        List<BufferedTexts.Located> texts = new ArrayList<>();
        BufferedTexts.responseItem(data.path("item"), texts);
        texts.forEach(t -> session.replay(t.kind(), t.slot()));
      }
      case "response.completed", "response.incomplete", "response.failed" -> {
        session.endAll();
        JsonNode response = data.path("response");
        List<BufferedTexts.Located> texts = new ArrayList<>();
        BufferedTexts.add(response, "output_text", ChannelKind.TEXT, texts);
        response.path("output").forEach(output -> BufferedTexts.responseItem(output, texts));
        texts.forEach(t -> session.replay(t.kind(), t.slot()));
      }
      default -> { }
    }
  }

  /** A delta event: its {@code delta} is the next chunk; a delta event we build copies it. */
  private static void delta(SseEvent event, JsonNode data, SseSession session, String key, ChannelKind kind) {
    TextSlot slot = TextSlot.member(data, "delta");
    if (slot != null) {
      String name = event.name() == null ? null : data.path("type").asText(event.name());
      session.guard(key, kind, slot, new SseSession.Synth(name, text -> ((ObjectNode) data.deepCopy()).put("delta", text)));
    }
  }

  /** An event that repeats channel {@code key}'s whole text in {@code holder.field}: the channel ends first. */
  private static void done(JsonNode holder, SseSession session, String key, String field, ChannelKind kind) {
    session.end(key);
    TextSlot slot = TextSlot.member(holder, field);
    if (slot != null) {
      session.replay(kind, slot);
    }
  }

  private static void whole(SseSession session, JsonNode holder, String field, ChannelKind kind) {
    TextSlot slot = TextSlot.member(holder, field);
    if (slot != null) {
      session.whole(kind, slot);
    }
  }

  @Override
  Shape shape() {
    return Shape.RESPONSES;
  }
}
