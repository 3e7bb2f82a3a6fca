package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Test-only: feeds an SSE answer to a guard in chosen splits, and reads the guard's output as a
 * provider's SDK would: the text of each channel re-assembled from the deltas, asserting on the way
 * that no delta of a channel comes after the event that ends it.
 */
final class SseClient {
  private SseClient() {}

  /** One event as a client reads it. */
  record Event(String name, String data) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * What the client read: each channel's text; whether the provider's terminal event came; the error
   * event's data, or null.
   */
  record View(Map<String, String> texts, boolean terminal, JsonNode error) {}

  /** The guard's output for {@code input} fed in one piece. */
  static String run(AnswerFormat format, AnswerChannels channels, String input) {
    return run(new SseAnswerGuard(format, channels), input.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** The guard's output for {@code input} cut at {@code cuts} (byte offsets, ascending). */
  static String run(SseAnswerGuard guard, byte[] input, List<Integer> cuts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    for (int cut : cuts) {
      out.writeBytes(guard.accept(input, from, cut - from));
      from = cut;
    }
    out.writeBytes(guard.accept(input, from, input.length - from));
    out.writeBytes(guard.finish());
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The outputs for one byte at a time and for {@code tries} random splits (empty pieces included). */
  static List<String> splitRuns(AnswerFormat format, Supplier<AnswerChannels> channels, String input, long seed, int tries) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    List<String> outputs = new ArrayList<>();
    List<Integer> ones = new ArrayList<>();
    for (int i = 1; i < bytes.length; i++) {
      ones.add(i);
    }
    outputs.add(run(new SseAnswerGuard(format, channels.get()), bytes, ones));
    Random random = new Random(seed);
    for (int t = 0; t < tries; t++) {
      List<Integer> cuts = new ArrayList<>();
      for (int at = 0; at < bytes.length; ) {
        at = Math.min(bytes.length, at + random.nextInt(40));
        cuts.add(at);
      }
      outputs.add(run(new SseAnswerGuard(format, channels.get()), bytes, cuts));
    }
    return outputs;
  }

  /** The events of an SSE text, as the WHATWG parser dispatches them (blank-line separated, any line end). */
  static List<Event> events(String sse) {
    List<Event> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : sse.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name, data.toString()));
        }
        name = null;
        data = null;
      } else if (!line.startsWith(":")) {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
        if (field.equals("event")) {
          name = value;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    }
    return events;
  }

  static View openAi(String sse) {
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    List<Integer> finished = new ArrayList<>();
    boolean terminal = false;
    JsonNode error = null;
    for (Event event : events(sse)) {
      assertThat(terminal).as("an event after [DONE]").isFalse();
      if (event.data().equals("[DONE]")) {
        terminal = true;
        continue;
      }
      JsonNode json = event.json();
      if (json.has("error")) {
        error = json;
        continue;
      }
      for (JsonNode choice : json.path("choices")) {
        int index = choice.path("index").asInt();
        JsonNode delta = choice.path("delta");
        List<String> found = new ArrayList<>();
        collect(texts, found, index + "/content", delta.path("content"));
        collect(texts, found, index + "/reasoning", delta.path("reasoning_content"));
        collect(texts, found, index + "/text", choice.path("text"));
        for (JsonNode call : delta.path("tool_calls")) {
          collect(texts, found, index + "/tool/" + call.path("index").asInt(), call.path("function").path("arguments"));
        }
        assertThat(finished).as("text of a finished choice").doesNotContain(found.isEmpty() ? -1 : index);
        if (choice.hasNonNull("finish_reason")) {
          finished.add(index);
        }
      }
    }
    return view(texts, terminal, error);
  }

  static View responses(String sse) {
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    Map<String, String> done = new LinkedHashMap<>();
    boolean terminal = false;
    JsonNode error = null;
    for (Event event : events(sse)) {
      JsonNode json = event.json();
      String type = json.path("type").asText();
      assertThat(type).isEqualTo(event.name());
      String key = json.path("item_id").asText() + "/" + json.path("content_index").asInt() + "/" + json.path("summary_index").asInt();
      if (type.endsWith(".delta")) {
        assertThat(done).as("a delta after its .done").doesNotContainKey(key);
        texts.computeIfAbsent(key, k -> new StringBuilder()).append(json.path("delta").asText());
      } else if (type.endsWith("_text.done") || type.endsWith("arguments.done")) {
        String text = json.has("text") ? json.path("text").asText() : json.path("arguments").asText();
        assertThat(text).as("the text of %s", type).isEqualTo(String.valueOf(texts.get(key)));
        done.put(key, text);
      } else if (type.equals("response.completed")) {
        terminal = true;
      } else if (type.equals("error")) {
        error = json;
      }
    }
    return view(texts, terminal, error);
  }

  static View anthropic(String sse) {
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    List<Integer> stopped = new ArrayList<>();
    boolean terminal = false;
    JsonNode error = null;
    for (Event event : events(sse)) {
      JsonNode json = event.json();
      String type = json.path("type").asText();
      assertThat(type).isEqualTo(event.name());
      int index = json.path("index").asInt();
      if (type.equals("content_block_delta")) {
        assertThat(stopped).as("a delta after its block stopped").doesNotContain(index);
        JsonNode delta = json.path("delta");
        for (String field : List.of("text", "partial_json", "thinking")) {
          if (delta.has(field)) {
            texts.computeIfAbsent(index + "/" + field, k -> new StringBuilder()).append(delta.path(field).asText());
          }
        }
      } else if (type.equals("content_block_start")) {
        JsonNode block = json.path("content_block");
        for (String field : List.of("text", "thinking")) {
          if (block.has(field)) {
            texts.computeIfAbsent(index + "/" + field, k -> new StringBuilder()).append(block.path(field).asText());
          }
        }
      } else if (type.equals("content_block_stop")) {
        stopped.add(index);
      } else if (type.equals("message_stop")) {
        terminal = true;
      } else if (type.equals("error")) {
        error = json;
      }
    }
    return view(texts, terminal, error);
  }

  static View gemini(String sse) {
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    List<Integer> finished = new ArrayList<>();
    boolean terminal = false;
    JsonNode error = null;
    for (Event event : events(sse)) {
      JsonNode json = event.json();
      if (json.has("error")) {
        error = json;
        continue;
      }
      for (JsonNode candidate : json.path("candidates")) {
        int index = candidate.path("index").asInt();
        assertThat(finished).as("text of a finished candidate").doesNotContain(index);
        for (JsonNode part : candidate.path("content").path("parts")) {
          if (part.has("text")) {
            String key = index + (part.path("thought").asBoolean() ? "/thought" : "/text");
            texts.computeIfAbsent(key, k -> new StringBuilder()).append(part.path("text").asText());
          }
          if (part.has("functionCall")) {
            texts.computeIfAbsent(index + "/call", k -> new StringBuilder()).append(part.path("functionCall").path("args"));
          }
        }
        if (candidate.hasNonNull("finishReason")) {
          finished.add(index);
          terminal = true;
        }
      }
    }
    return view(texts, terminal, error);
  }

  static View cohere(String sse) {
    Map<String, StringBuilder> texts = new LinkedHashMap<>();
    List<String> ended = new ArrayList<>();
    boolean terminal = false;
    JsonNode error = null;
    for (Event event : events(sse)) {
      JsonNode json = event.json();
      String type = json.path("type").asText();
      int index = json.path("index").asInt();
      JsonNode message = json.path("delta").path("message");
      String key = switch (type) {
        case "content-delta", "content-start", "content-end" -> "content/" + index;
        case "tool-call-start", "tool-call-delta", "tool-call-end" -> "tool/" + index;
        case "tool-plan-delta" -> "plan";
        default -> "";
      };
      if (type.endsWith("-delta") || type.endsWith("-start")) {
        assertThat(ended).as("a delta after its end").doesNotContain(key);
      }
      append(texts, "content/" + index, message.path("content").path("text"));
      append(texts, "plan", message.path("tool_plan"));
      append(texts, "tool/" + index, message.path("tool_calls").path("function").path("arguments"));
      if (type.endsWith("-end")) {
        ended.add(key);
      }
      if (type.equals("tool-call-start")) {
        ended.add("plan");
      }
      terminal |= type.equals("message-end");
      if (type.equals("error")) {
        error = json;
      }
    }
    return view(texts, terminal, error);
  }

  private static void collect(Map<String, StringBuilder> texts, List<String> found, String key, JsonNode text) {
    if (text.isTextual()) {
      texts.computeIfAbsent(key, k -> new StringBuilder()).append(text.asText());
      if (!text.asText().isEmpty()) {
        found.add(key);
      }
    }
  }

  private static void append(Map<String, StringBuilder> texts, String key, JsonNode text) {
    if (text.isTextual() && !text.asText().isEmpty()) {
      texts.computeIfAbsent(key, k -> new StringBuilder()).append(text.asText());
    }
  }

  private static View view(Map<String, StringBuilder> texts, boolean terminal, JsonNode error) {
    Map<String, String> out = new LinkedHashMap<>();
    texts.forEach((k, v) -> {
      if (v.length() > 0) {
        out.put(k, v.toString());
      }
    });
    return new View(out, terminal, error);
  }
}
