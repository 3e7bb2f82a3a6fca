package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;

/**
 * OpenAI Chat Completions and legacy Completions chunks ({@code choices[].delta} or {@code
 * choices[].text}), as OpenAI-compatible providers send them too. One channel per choice and field,
 * and per tool call; a choice's channels end at the chunk that carries its {@code finish_reason},
 * the rest at {@code [DONE]}. Not API.
 */
final class OpenAiSse extends SseDialect {
  private static final String[] DELTA_TEXTS = {"reasoning_content", "reasoning", "content", "refusal"};

  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    JsonNode choices = data.get("choices");
    if (choices == null || !choices.isArray()) {
      return;
    }
    ObjectNode shared = envelope(data, "choices", "usage");
    for (int p = 0; p < choices.size(); p++) {
      JsonNode choice = choices.get(p);
      int index = choice.path("index").asInt(p);
      String prefix = index + "/";
      JsonNode delta = choice.path("delta");
      for (String field : DELTA_TEXTS) {
        ChannelKind kind = field.startsWith("reasoning") ? ChannelKind.REASONING : ChannelKind.TEXT;
        SseSession.Synth synth = synth(event, shared, index, (c, t) -> c.putObject("delta").put(field, t));
        TextSlot slot = TextSlot.member(delta, field);
        if (slot != null) {
          session.guard(prefix + field, kind, slot, synth);
        }
        // content as an array of parts (some compatible providers): one channel over the parts' texts
        for (JsonNode part : "content".equals(field) ? delta.path(field) : MissingNode.getInstance()) {
          TextSlot text = TextSlot.member(part, "text");
          if (text != null) {
            session.guard(prefix + field, kind, text, synth);
          }
        }
      }
      JsonNode calls = delta.path("tool_calls");
      for (int q = 0; q < calls.size(); q++) {
        int call = calls.get(q).path("index").asInt(q);
        TextSlot slot = TextSlot.member(calls.get(q).path("function"), "arguments");
        if (slot != null) {
          session.guard(prefix + "tool/" + call, ChannelKind.TOOL_ARGUMENTS, slot, synth(event, shared, index,
              (c, t) -> c.putObject("delta").putArray("tool_calls").addObject().put("index", call)
                  .putObject("function").put("arguments", t)));
        }
      }
      TextSlot function = TextSlot.member(delta.path("function_call"), "arguments");
      if (function != null) {
        session.guard(prefix + "function_call", ChannelKind.TOOL_ARGUMENTS, function, synth(event, shared, index,
            (c, t) -> c.putObject("delta").putObject("function_call").put("arguments", t)));
      }
      TextSlot text = TextSlot.member(choice, "text");
      if (text != null) {
        session.guard(prefix + "text", ChannelKind.TEXT, text, synth(event, shared, index, (c, t) -> c.put("text", t)));
      }
      if (choice.hasNonNull("finish_reason")) {
        session.endAll(key -> key.startsWith(prefix));
      }
    }
  }

  /** A chunk of the stream's envelope with one choice {@code index}, whose text {@code put} places. */
  private static SseSession.Synth synth(SseEvent event, ObjectNode envelope, int index,
      BiConsumer<ObjectNode, String> put) {
    return new SseSession.Synth(event.name(), text -> {
      ObjectNode chunk = envelope.deepCopy();
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", index);
      put.accept(choice, text);
      choice.putNull("finish_reason");
      return chunk;
    });
  }

  @Override
  Shape shape() {
    return Shape.OPENAI;
  }
}
