package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages events: one channel per content block, fed by the text its {@code
 * content_block_start} may carry and by its deltas ({@code text_delta}, {@code input_json_delta}
 * over the raw JSON text, {@code thinking_delta}); it ends at the block's {@code
 * content_block_stop}, before which its held text goes out as one more delta. A tool block's
 * starting {@code input} object (empty in practice) is checked string by string. Not API.
 */
final class AnthropicSse extends SseDialect {
  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    int index = data.path("index").asInt();
    String key = Integer.toString(index);
    switch (data.path("type").asText()) {
      case "content_block_start" -> {
        JsonNode block = data.path("content_block");
        switch (block.path("type").asText()) {
          case "text" -> guard(event, session, index, block, "text", "text_delta", ChannelKind.TEXT);
          case "thinking" -> guard(event, session, index, block, "thinking", "thinking_delta", ChannelKind.REASONING);
          default -> {
            List<BufferedTexts.Located> texts = new ArrayList<>();
            BufferedTexts.anthropicBlock(block, texts);
            texts.forEach(text -> session.whole(text.kind(), text.slot()));
          }
        }
      }
      case "content_block_delta" -> {
        JsonNode delta = data.path("delta");
        switch (delta.path("type").asText()) {
          case "text_delta" -> guard(event, session, index, delta, "text", "text_delta", ChannelKind.TEXT);
          case "input_json_delta" ->
              guard(event, session, index, delta, "partial_json", "input_json_delta", ChannelKind.TOOL_ARGUMENTS);
          case "thinking_delta" -> guard(event, session, index, delta, "thinking", "thinking_delta", ChannelKind.REASONING);
          default -> { }
        }
      }
      case "content_block_stop" -> session.end(key);
      case "message_delta", "message_stop" -> session.endAll();
      default -> { }
    }
  }

  private static void guard(SseEvent event, SseSession session, int index, JsonNode holder, String field,
      String deltaType, ChannelKind kind) {
    TextSlot slot = TextSlot.member(holder, field);
    if (slot == null) {
      return;
    }
    session.guard(Integer.toString(index), kind, slot, new SseSession.Synth(named(event, "content_block_delta"), text -> {
      ObjectNode delta = AnswerJson.object();
      delta.put("type", "content_block_delta").put("index", index);
      delta.putObject("delta").put("type", deltaType).put(field, text);
      return delta;
    }));
  }

  @Override
  Shape shape() {
    return Shape.ANTHROPIC;
  }
}
