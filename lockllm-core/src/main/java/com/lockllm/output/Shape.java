package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The answer shapes a format table knows, and how a shape is recognised. Not API. */
enum Shape {
  /** OpenAI Chat Completions and legacy Completions, and the providers that copy them. */
  OPENAI,
  RESPONSES,
  ANTHROPIC,
  GEMINI,
  COHERE,
  /** Not recognised: every string is text. */
  UNKNOWN;

  private static final Set<String> ANTHROPIC_EVENTS = Set.of("message_start", "content_block_start",
      "content_block_delta", "content_block_stop", "message_delta", "message_stop");
  private static final Set<String> COHERE_EVENTS = Set.of("message-start", "content-start", "content-delta",
      "content-end", "tool-plan-delta", "tool-call-start", "tool-call-delta", "tool-call-end", "citation-start",
      "citation-end", "message-end");

  /** The shape of a buffered answer. */
  static Shape ofAnswer(JsonNode answer) {
    if (answer.isArray()) {
      // Gemini's streamGenerateContent without alt=sse: an array of generateContent answers
      return !answer.isEmpty() && answer.get(0).has("candidates") ? GEMINI : UNKNOWN;
    }
    if (answer.path("choices").isArray()) {
      return OPENAI;
    }
    if (answer.path("candidates").isArray()) {
      return GEMINI;
    }
    if ("message".equals(answer.path("type").asText()) && answer.path("content").isArray()) {
      return ANTHROPIC;
    }
    if (answer.path("output").isArray() || "response".equals(answer.path("object").asText())) {
      return RESPONSES;
    }
    JsonNode message = answer.path("message");
    if (message.isObject() && (message.has("content") || message.has("tool_plan") || message.has("tool_calls"))) {
      return COHERE;
    }
    if (answer.path("text").isTextual()
        && (answer.has("generation_id") || answer.has("response_id") || answer.has("chat_history"))) {
      return COHERE;
    }
    return UNKNOWN;
  }

  /** The shape an SSE event shows ({@code event} its event name or null), or null when it shows none. */
  static Shape ofEvent(String event, JsonNode data) {
    String type = data.path("type").asText("");
    if (type.startsWith("response.") || (event != null && event.startsWith("response."))) {
      return RESPONSES;
    }
    if (ANTHROPIC_EVENTS.contains(type)) {
      return ANTHROPIC;
    }
    if (COHERE_EVENTS.contains(type) || data.path("event_type").isTextual()) {
      return COHERE;
    }
    if (data.path("candidates").isArray()) {
      return GEMINI;
    }
    if (data.path("choices").isArray()) {
      return OPENAI;
    }
    return null;
  }
}
