package com.lockllm.samples.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The samples' offline model for {@code POST /v1/chat/completions}: the reply repeats the last user
 * message it received (after any redaction), in the OpenAI chat-completion shape, with the scan
 * the application was handed under {@code lockllm}. Deterministic: the id is a hash of the request.
 */
public final class EchoModel {
  /** Content type of every answer. */
  public static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EchoModel() {}

  /**
   * The chat completion answering {@code requestBody}.
   *
   * @param scan the scan attached to the request, or {@code null}
   * @throws IOException when the body is not JSON (the samples' filters reject that before)
   */
  public static byte[] chatCompletion(byte[] requestBody, ScanResponse scan) throws IOException {
    JsonNode body = JSON.readTree(requestBody);
    String prompt = lastUserText(body.path("messages"));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "chatcmpl-" + digest(requestBody));
    answer.put("object", "chat.completion");
    answer.put("created", 0);
    answer.put("model", body.path("model").asText("echo-1"));
    ObjectNode choice = answer.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", "Echo: " + prompt);
    choice.put("finish_reason", "stop");
    int promptTokens = Math.max(1, prompt.length() / 4);
    answer.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", promptTokens + 1)
        .put("total_tokens", 2 * promptTokens + 1);
    if (scan != null) {
      answer.set("lockllm", JSON.valueToTree(scan));
    }
    return JSON.writeValueAsBytes(answer);
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

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
