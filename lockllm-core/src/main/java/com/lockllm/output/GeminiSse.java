package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini {@code streamGenerateContent?alt=sse} events, each a whole {@code GenerateContentResponse}:
 * one channel per candidate for its text parts and one for its thought parts; a candidate's
 * channels end at the event that carries its {@code finishReason}. A {@code functionCall} comes
 * whole in one event: its argument strings are checked one by one. Not API.
 */
final class GeminiSse extends SseDialect {
  @Override
  void event(SseEvent event, JsonNode data, SseSession session) {
    JsonNode candidates = data.path("candidates");
    if (candidates.isEmpty()) {
      return;
    }
    ObjectNode envelope = envelope(data, "candidates", "usageMetadata");
    for (int p = 0; p < candidates.size(); p++) {
      JsonNode candidate = candidates.get(p);
      int index = candidate.path("index").asInt(p);
      String prefix = index + "/";
      for (JsonNode part : candidate.path("content").path("parts")) {
        TextSlot text = TextSlot.member(part, "text");
        if (text != null) {
          boolean thought = part.path("thought").asBoolean();
          session.guard(prefix + (thought ? "thought" : "text"), thought ? ChannelKind.REASONING : ChannelKind.TEXT, text,
              synth(event, envelope, index, thought));
        }
        List<BufferedTexts.Located> args = new ArrayList<>();
        BufferedTexts.leaves(part.path("functionCall").path("args"), ChannelKind.TOOL_ARGUMENTS, args);
        args.forEach(arg -> session.whole(arg.kind(), arg.slot()));
      }
      if (candidate.hasNonNull("finishReason")) {
        session.endAll(key -> key.startsWith(prefix));
      }
    }
  }

  private static SseSession.Synth synth(SseEvent event, ObjectNode envelope, int index, boolean thought) {
    return new SseSession.Synth(event.name(), text -> {
      ObjectNode chunk = AnswerJson.object();
      ObjectNode candidate = chunk.putArray("candidates").addObject();
      ObjectNode content = candidate.putObject("content");
      ObjectNode part = content.putArray("parts").addObject().put("text", text);
      if (thought) {
        part.put("thought", true);
      }
      content.put("role", "model");
      candidate.put("index", index);
      chunk.setAll(envelope.deepCopy());
      return chunk;
    });
  }

  @Override
  Shape shape() {
    return Shape.GEMINI;
  }
}
