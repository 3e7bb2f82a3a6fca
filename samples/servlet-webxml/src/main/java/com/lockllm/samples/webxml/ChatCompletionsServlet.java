package com.lockllm.samples.webxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions} answered by an offline echo model: the reply repeats the last
 * user message it received (after any redaction), and the response carries, under
 * {@code lockllm}, the scan result the filter handed the application.
 */
public class ChatCompletionsServlet extends HttpServlet {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    JsonNode body = JSON.readTree(request.getInputStream());
    String model = body.path("model").asText("echo-1");
    String prompt = lastUserText(body.path("messages"));

    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
    answer.put("object", "chat.completion");
    answer.put("created", System.currentTimeMillis() / 1000);
    answer.put("model", model);
    ObjectNode choice = answer.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", "Echo: " + prompt);
    choice.put("finish_reason", "stop");
    int promptTokens = Math.max(1, prompt.length() / 4);
    answer.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", promptTokens + 1)
        .put("total_tokens", 2 * promptTokens + 1);
    Object scan = request.getAttribute(ScanResult.ATTRIBUTE);
    if (scan instanceof ScanResponse scanResponse) {
      answer.set("lockllm", JSON.valueToTree(scanResponse));
    }
    response.setContentType("application/json");
    JSON.writeValue(response.getOutputStream(), answer);
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
}
