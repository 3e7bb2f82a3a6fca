package com.lockllm.vertx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.output.Canary;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.testing.ContractScanners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only: a model that repeats the user's last message (with {@value #LEAK} replaced by the
 * request's canary token, as a model leaking its system prompt would), as an OpenAI chat completion
 * or as its stream cut every {@value #CHUNK} characters, so every entity spans chunks; and the
 * interceptor whose routes check those answers with one policy each.
 */
final class EchoModel {
  static final String LEAK = "LEAK";
  static final int CHUNK = 5;
  /** An AWS access key id: a secret every policy here redacts or blocks. */
  static final String SECRET = "AKIAQ3DRZ7X2HMB5N4PK";
  static final String EMAIL = "john.doe@example.com";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CANARY = Pattern.compile(Pattern.quote(Canary.TOKEN_PREFIX) + "[a-z2-7]{16}");

  private EchoModel() {}

  /**
   * Routes: {@code /strip/**} strips secrets and personal data, {@code /block/**} blocks secrets,
   * {@code /shadow/**} is {@code /strip} in shadow mode, {@code /mask/**} masks the request's
   * personal data (the answer restores it). Every request gets a canary, which an answer must not
   * contain.
   */
  static LockLLMInterceptor interceptor() {
    OutputPolicy strip = OutputPolicy.builder().personalData(OutputAction.STRIP).build();
    return LockLLMInterceptor.builder(ContractScanners.embedded())
        .route(ProtectedRoute.builder("/strip/**").output(strip).build())
        .route(ProtectedRoute.builder("/block/**").output(OutputPolicy.builder().secrets(OutputAction.BLOCK).build()).build())
        .route(ProtectedRoute.builder("/shadow/**").output(strip.toBuilder().shadow(true).build()).build())
        .route(ProtectedRoute.builder("/mask/**").options(ScanOptions.builder().piiAction(PiiAction.MASK).build())
            .output(OutputPolicy.builder().build()).build())
        .output(OutputPolicy.builder().build())
        .canary(Canary.ofDefaults())
        .build();
  }

  /** A chat request whose user says {@code content}, with a system prompt (where the canary goes). */
  static String request(String content) {
    ObjectNode body = JSON.createObjectNode().put("model", "echo");
    body.putArray("messages")
        .add(JSON.createObjectNode().put("role", "system").put("content", "You are a helpful echo."))
        .add(JSON.createObjectNode().put("role", "user").put("content", content));
    return body.toString();
  }

  /** What the model says to {@code request}: its last user message, leaking the canary where it says {@value #LEAK}. */
  static String answer(byte[] request) {
    JsonNode body = read(request);
    JsonNode messages = body.path("messages");
    String said = messages.get(messages.size() - 1).path("content").asText();
    Matcher canary = CANARY.matcher(body.toString());
    return canary.find() ? said.replace(LEAK, canary.group()) : said;
  }

  /** The prompt the model was sent: for tests that check what the application saw. */
  static String prompt(byte[] request) {
    JsonNode messages = read(request).path("messages");
    return messages.get(messages.size() - 1).path("content").asText();
  }

  static byte[] completion(String text) {
    ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "echo");
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", text);
    return answer.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The streamed answer: one event per {@value #CHUNK} characters, a finish event, then {@code [DONE]}. */
  static List<byte[]> events(String text) {
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < text.length(); i += CHUNK) {
      events.add(event(text.substring(i, Math.min(text.length(), i + CHUNK))));
    }
    events.add(sse("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"echo\","
        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"));
    events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    return events;
  }

  /** One event carrying {@code text}. */
  static byte[] event(String text) {
    ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("model", "echo");
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.putObject("delta").put("content", text);
    choice.putNull("finish_reason");
    return sse(chunk.toString());
  }

  /** The text the client got from a stream: the deltas' contents joined. */
  static String streamedText(String stream) {
    StringBuilder text = new StringBuilder();
    for (String line : stream.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode content = read(line.substring(6).getBytes(StandardCharsets.UTF_8)).path("choices").path(0).path("delta").path("content");
        if (content.isTextual()) {
          text.append(content.asText());
        }
      }
    }
    return text.toString();
  }

  /** The text of a buffered answer. */
  static String completionText(String answer) {
    return read(answer.getBytes(StandardCharsets.UTF_8)).path("choices").path(0).path("message").path("content").asText();
  }

  private static byte[] sse(String data) {
    return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
