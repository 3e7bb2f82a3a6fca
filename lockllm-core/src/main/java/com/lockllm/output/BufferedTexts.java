package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Where the model's text is in a buffered answer of each shape. Not API. */
final class BufferedTexts {
  /** One text of an answer and what it carries. */
  record Located(ChannelKind kind, TextSlot slot) {}

  private BufferedTexts() {}

  /** Adds the texts of {@code answer}, read as {@code shape}, to {@code out}, in the answer's order. */
  static void locate(Shape shape, JsonNode answer, List<Located> out) {
    if (answer.isArray() && shape != Shape.UNKNOWN) {
      for (JsonNode element : answer) {
        locate(shape, element, out);
      }
      return;
    }
    switch (shape) {
      case OPENAI -> openAi(answer, out);
      case RESPONSES -> responses(answer, out);
      case ANTHROPIC -> anthropic(answer, out);
      case GEMINI -> gemini(answer, out);
      case COHERE -> cohere(answer, out);
      case UNKNOWN -> leaves(answer, ChannelKind.TEXT, out);
    }
  }

  private static void openAi(JsonNode answer, List<Located> out) {
    for (JsonNode choice : answer.path("choices")) {
      add(choice, "text", ChannelKind.TEXT, out);
      JsonNode message = choice.path("message");
      add(message, "reasoning_content", ChannelKind.REASONING, out);
      add(message, "reasoning", ChannelKind.REASONING, out);
      add(message, "content", ChannelKind.TEXT, out);
      for (JsonNode part : message.path("content")) {
        add(part, "text", ChannelKind.TEXT, out);
      }
      add(message, "refusal", ChannelKind.TEXT, out);
      for (JsonNode call : message.path("tool_calls")) {
        add(call.path("function"), "arguments", ChannelKind.TOOL_ARGUMENTS, out);
      }
      add(message.path("function_call"), "arguments", ChannelKind.TOOL_ARGUMENTS, out);
    }
  }

  private static void responses(JsonNode answer, List<Located> out) {
    add(answer, "output_text", ChannelKind.TEXT, out);
    for (JsonNode item : answer.path("output")) {
      responseItem(item, out);
    }
  }

  /** The texts of one Responses output item (also what its streamed {@code output_item.done} repeats). */
  static void responseItem(JsonNode item, List<Located> out) {
    switch (item.path("type").asText()) {
      case "message" -> {
        for (JsonNode part : item.path("content")) {
          add(part, "text", ChannelKind.TEXT, out);
          add(part, "refusal", ChannelKind.TEXT, out);
        }
      }
      case "function_call" -> add(item, "arguments", ChannelKind.TOOL_ARGUMENTS, out);
      case "custom_tool_call" -> add(item, "input", ChannelKind.TOOL_ARGUMENTS, out);
      case "reasoning" -> {
        for (JsonNode part : item.path("summary")) {
          add(part, "text", ChannelKind.REASONING, out);
        }
        for (JsonNode part : item.path("content")) {
          add(part, "text", ChannelKind.REASONING, out);
        }
      }
      default -> { }
    }
  }

  private static void anthropic(JsonNode answer, List<Located> out) {
    for (JsonNode block : answer.path("content")) {
      anthropicBlock(block, out);
    }
  }

  /** The texts of one Anthropic content block (also what a streamed {@code content_block_start} may carry). */
  static void anthropicBlock(JsonNode block, List<Located> out) {
    switch (block.path("type").asText()) {
      case "text" -> add(block, "text", ChannelKind.TEXT, out);
      case "thinking" -> add(block, "thinking", ChannelKind.REASONING, out);
      case "tool_use", "server_tool_use", "mcp_tool_use" -> leaves(block.path("input"), ChannelKind.TOOL_ARGUMENTS, out);
      default -> { }
    }
  }

  private static void gemini(JsonNode answer, List<Located> out) {
    for (JsonNode candidate : answer.path("candidates")) {
      for (JsonNode part : candidate.path("content").path("parts")) {
        add(part, "text", part.path("thought").asBoolean() ? ChannelKind.REASONING : ChannelKind.TEXT, out);
        leaves(part.path("functionCall").path("args"), ChannelKind.TOOL_ARGUMENTS, out);
      }
    }
  }

  private static void cohere(JsonNode answer, List<Located> out) {
    JsonNode message = answer.path("message");
    add(message, "tool_plan", ChannelKind.REASONING, out);
    for (JsonNode part : message.path("content")) {
      add(part, "thinking", ChannelKind.REASONING, out);
      add(part, "text", ChannelKind.TEXT, out);
    }
    for (JsonNode call : message.path("tool_calls")) {
      add(call.path("function"), "arguments", ChannelKind.TOOL_ARGUMENTS, out);
    }
    // v1
    add(answer, "text", ChannelKind.TEXT, out);
    for (JsonNode call : answer.path("tool_calls")) {
      leaves(call.path("parameters"), ChannelKind.TOOL_ARGUMENTS, out);
    }
  }

  /** Member {@code field} of {@code parent}, when it is a string. */
  static void add(JsonNode parent, String field, ChannelKind kind, List<Located> out) {
    TextSlot slot = TextSlot.member(parent, field);
    if (slot != null) {
      out.add(new Located(kind, slot));
    }
  }

  /** Every string under {@code container} (an object or an array; anything else has none). */
  static void leaves(JsonNode container, ChannelKind kind, List<Located> out) {
    if (container instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        if (member.getValue().isTextual()) {
          out.add(new Located(kind, TextSlot.member(object, member.getKey())));
        } else {
          leaves(member.getValue(), kind, out);
        }
      }
    } else if (container instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          out.add(new Located(kind, TextSlot.element(array, i)));
        } else {
          leaves(array.get(i), kind, out);
        }
      }
    }
  }
}
