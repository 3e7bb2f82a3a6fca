package com.lockllm.samples.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The samples' offline model: the reply repeats the last user message it received (after any
 * redaction) as {@code "Echo: <text>"}, in the shape of the API asked, with the scan the application
 * was handed under {@code lockllm}. Three APIs: OpenAI Chat Completions, OpenAI Responses and
 * Anthropic Messages, each also as its server-sent events for {@code "stream": true}.
 * Deterministic: ids are a hash of the request, {@code created} is 0.
 */
public final class EchoModel {
  /** Content type of every non-streamed answer. */
  public static final String CONTENT_TYPE = "application/json";
  /** Content type of every streamed answer. */
  public static final String STREAM_CONTENT_TYPE = "text/event-stream";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EchoModel() {}

  /** The wire APIs the echo model speaks. */
  public enum Api {
    /** OpenAI {@code POST /v1/chat/completions}. */
    CHAT_COMPLETIONS,
    /** OpenAI {@code POST /v1/responses}. */
    RESPONSES,
    /** Anthropic {@code POST /v1/messages}. */
    MESSAGES
  }

  /**
   * The chat completion answering {@code requestBody}.
   *
   * @param scan the scan attached to the request, or {@code null}
   * @throws IOException when the body is not JSON (the samples' filters reject that before)
   */
  public static byte[] chatCompletion(byte[] requestBody, ScanResponse scan) throws IOException {
    return answer(Api.CHAT_COMPLETIONS, requestBody, scan);
  }

  /** Whether the request asks for a streamed answer ({@code "stream": true}). */
  public static boolean wantsStream(byte[] requestBody) throws IOException {
    return JSON.readTree(requestBody).path("stream").asBoolean(false);
  }

  /**
   * The non-streamed answer of {@code api} to {@code requestBody}, with {@code scan} (if not null)
   * under {@code lockllm}.
   *
   * @throws IOException when the body is not JSON
   */
  public static byte[] answer(Api api, byte[] requestBody, ScanResponse scan) throws IOException {
    JsonNode body = JSON.readTree(requestBody);
    String id = digest(requestBody);
    String prompt = prompt(api, body);
    String text = reply(api, body, prompt);
    int in = tokens(prompt);
    ObjectNode answer = switch (api) {
      case CHAT_COMPLETIONS -> chatCompletion(body, id, text, in);
      case RESPONSES -> response(body, id, text, in);
      case MESSAGES -> message(body, id, text, in);
    };
    if (scan != null) {
      answer.set("lockllm", JSON.valueToTree(scan));
    }
    return JSON.writeValueAsBytes(answer);
  }

  /**
   * The streamed answer of {@code api} to {@code requestBody}: complete server-sent events
   * ({@code event:} line where the API names them, {@code data:} line, blank line), one element per
   * event, in order. The text comes as one delta per word.
   *
   * @throws IOException when the body is not JSON
   */
  public static List<String> events(Api api, byte[] requestBody) throws IOException {
    JsonNode body = JSON.readTree(requestBody);
    String id = digest(requestBody);
    String text = reply(api, body, prompt(api, body));
    List<String> deltas = List.of(text.split("(?<= )"));
    return switch (api) {
      case CHAT_COMPLETIONS -> chatEvents(body, id, deltas);
      case RESPONSES -> responseEvents(body, id, text, deltas);
      case MESSAGES -> messageEvents(body, id, text, deltas);
    };
  }

  private static ObjectNode chatCompletion(JsonNode body, String id, String text, int in) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "chatcmpl-" + id);
    answer.put("object", "chat.completion");
    answer.put("created", 0);
    answer.put("model", model(body));
    ObjectNode choice = answer.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text);
    choice.put("finish_reason", "stop");
    answer.putObject("usage").put("prompt_tokens", in).put("completion_tokens", in + 1).put("total_tokens", 2 * in + 1);
    return answer;
  }

  private static ObjectNode response(JsonNode body, String id, String text, int in) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "resp_" + id);
    answer.put("object", "response");
    answer.put("created_at", 0);
    answer.put("status", "completed");
    answer.put("model", model(body));
    answer.putArray("output").add(outputMessage(id, text));
    answer.putObject("usage").put("input_tokens", in).put("output_tokens", in + 1).put("total_tokens", 2 * in + 1);
    return answer;
  }

  private static ObjectNode outputMessage(String id, String text) {
    ObjectNode item = JSON.createObjectNode();
    item.put("type", "message").put("id", "msg_" + id).put("status", "completed").put("role", "assistant");
    item.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
    return item;
  }

  private static ObjectNode message(JsonNode body, String id, String text, int in) {
    ObjectNode answer = messageHead(body, id, in, in + 1);
    answer.putArray("content").addObject().put("type", "text").put("text", text);
    answer.put("stop_reason", "end_turn");
    answer.putNull("stop_sequence");
    answer.set("usage", answer.remove("usage"));
    return answer;
  }

  private static ObjectNode messageHead(JsonNode body, String id, int in, int out) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "msg_" + id);
    answer.put("type", "message");
    answer.put("role", "assistant");
    answer.put("model", model(body));
    answer.putObject("usage").put("input_tokens", in).put("output_tokens", out);
    return answer;
  }

  private static List<String> chatEvents(JsonNode body, String id, List<String> deltas) {
    List<String> events = new ArrayList<>();
    events.add(sse(null, chatChunk(body, id).set("choices", JSON.createArrayNode().add(
        JSON.createObjectNode().put("index", 0).<ObjectNode>set("delta",
            JSON.createObjectNode().put("role", "assistant").put("content", "")).putNull("finish_reason")))));
    for (String delta : deltas) {
      events.add(sse(null, chatChunk(body, id).set("choices", JSON.createArrayNode().add(
          JSON.createObjectNode().put("index", 0).<ObjectNode>set("delta",
              JSON.createObjectNode().put("content", delta)).putNull("finish_reason")))));
    }
    events.add(sse(null, chatChunk(body, id).set("choices", JSON.createArrayNode().add(
        JSON.createObjectNode().put("index", 0).<ObjectNode>set("delta", JSON.createObjectNode())
            .put("finish_reason", "stop")))));
    events.add("data: [DONE]\n\n");
    return events;
  }

  private static ObjectNode chatChunk(JsonNode body, String id) {
    return JSON.createObjectNode().put("id", "chatcmpl-" + id).put("object", "chat.completion.chunk")
        .put("created", 0).put("model", model(body));
  }

  private static List<String> responseEvents(JsonNode body, String id, String text, List<String> deltas) {
    int in = tokens(text.substring("Echo: ".length()));
    ObjectNode created = response(body, id, text, in);
    created.put("status", "in_progress");
    created.putArray("output");
    created.remove("usage");
    List<String> events = new ArrayList<>();
    events.add(sse("response.created", JSON.createObjectNode().put("type", "response.created").set("response", created)));
    for (String delta : deltas) {
      events.add(sse("response.output_text.delta", JSON.createObjectNode().put("type", "response.output_text.delta")
          .put("item_id", "msg_" + id).put("output_index", 0).put("content_index", 0).put("delta", delta)));
    }
    events.add(sse("response.output_text.done", JSON.createObjectNode().put("type", "response.output_text.done")
        .put("item_id", "msg_" + id).put("output_index", 0).put("content_index", 0).put("text", text)));
    events.add(sse("response.completed", JSON.createObjectNode().put("type", "response.completed")
        .set("response", response(body, id, text, in))));
    return events;
  }

  private static List<String> messageEvents(JsonNode body, String id, String text, List<String> deltas) {
    int in = tokens(text.substring("Echo: ".length()));
    ObjectNode start = messageHead(body, id, in, 1);
    start.putArray("content");
    start.putNull("stop_reason");
    start.putNull("stop_sequence");
    start.set("usage", start.remove("usage"));
    List<String> events = new ArrayList<>();
    events.add(sse("message_start", JSON.createObjectNode().put("type", "message_start").set("message", start)));
    events.add(sse("content_block_start", JSON.createObjectNode().put("type", "content_block_start").put("index", 0)
        .set("content_block", JSON.createObjectNode().put("type", "text").put("text", ""))));
    for (String delta : deltas) {
      events.add(sse("content_block_delta", JSON.createObjectNode().put("type", "content_block_delta").put("index", 0)
          .set("delta", JSON.createObjectNode().put("type", "text_delta").put("text", delta))));
    }
    events.add(sse("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0)));
    ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", in + 1);
    events.add(sse("message_delta", end));
    events.add(sse("message_stop", JSON.createObjectNode().put("type", "message_stop")));
    return events;
  }

  private static String sse(String event, JsonNode data) {
    try {
      return (event == null ? "" : "event: " + event + "\n") + "data: " + JSON.writeValueAsString(data) + "\n\n";
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A command that makes the echo play a model whose system prompt was extracted: it answers with that prompt. */
  public static final String LEAK_COMMAND = "/system";

  /** The answer's text: the prompt repeated, or the system prompt when the prompt is {@link #LEAK_COMMAND}. */
  private static String reply(Api api, JsonNode body, String prompt) {
    if (prompt.strip().equals(LEAK_COMMAND)) {
      return "My instructions: " + systemPrompt(api, body);
    }
    return "Echo: " + prompt;
  }

  /** The request's system prompt: system and developer messages, Anthropic's {@code system}, Responses' {@code instructions}. */
  private static String systemPrompt(Api api, JsonNode body) {
    StringBuilder text = new StringBuilder();
    switch (api) {
      case RESPONSES -> text.append(body.path("instructions").asText(""));
      case MESSAGES -> appendText(body.path("system"), text);
      case CHAT_COMPLETIONS -> {
        for (JsonNode message : body.path("messages")) {
          String role = message.path("role").asText();
          if (role.equals("system") || role.equals("developer")) {
            appendText(message.path("content"), text);
          }
        }
      }
    }
    return text.toString();
  }

  private static void appendText(JsonNode content, StringBuilder text) {
    if (content.isTextual()) {
      text.append(content.asText());
    } else if (content.isArray()) {
      content.forEach(part -> text.append(part.path("text").asText("")));
    }
  }

  /** The text the echo repeats: the last user message's text (Responses: {@code input}). */
  private static String prompt(Api api, JsonNode body) {
    if (api == Api.RESPONSES) {
      JsonNode input = body.path("input");
      return input.isTextual() ? input.asText() : lastUserText(input);
    }
    return lastUserText(body.path("messages"));
  }

  private static String lastUserText(JsonNode messages) {
    String last = "";
    for (JsonNode message : messages) {
      if (!"user".equals(message.path("role").asText())) {
        continue;
      }
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        last = content.asText();
      } else if (content.isArray()) {
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        last = text.toString();
      }
    }
    return last;
  }

  private static String model(JsonNode body) {
    return body.path("model").asText("echo-1");
  }

  private static int tokens(String text) {
    return Math.max(1, text.length() / 4);
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
