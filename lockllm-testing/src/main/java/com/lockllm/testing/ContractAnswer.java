package com.lockllm.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The model answer a contract test asks the echo application for, sent in the {@value #HEADER}
 * request header: plain text, an OpenAI chat completion, or OpenAI chat deltas over server-sent
 * events cut where the test says, the text in the message content, a tool call's arguments or the
 * reasoning. Like an echo model, the text may repeat the prompt the application received ({@value
 * #USER} and {@value #SYSTEM}), so what the adapter did to the request shows in the answer.
 *
 * <p>An application under the output contract answers a request carrying the header with {@link
 * #reply(byte[])} of the body it read: status, {@code Content-Type}, {@code Content-Encoding}, a
 * {@code Content-Length} for a buffered answer, and the chunks, each written and flushed on its
 * own ({@link Reply#writeTo}). Where the framework does not write to a stream, it sends the {@link
 * Reply#chunks()} and calls {@link Reply#upstreamClosed()} when the client side went away, so the
 * test sees the upstream end ({@link #awaitClosed}).
 *
 * @param id names the answer for {@link #awaitClosed}
 * @param shape text, JSON or SSE
 * @param status the HTTP status
 * @param text the answer text, with {@value #USER} and {@value #SYSTEM} replaced
 * @param part where the text goes
 * @param splits character offsets in the text where a new SSE chunk starts
 * @param every when positive, a new SSE chunk every that many characters (besides {@code splits})
 * @param gzip whether the body is gzip-compressed ({@code Content-Encoding: gzip})
 * @param trickle how many filler deltas follow the text, one per chunk (a long stream)
 * @param pauseMillis the pause after each chunk
 */
public record ContractAnswer(String id, Shape shape, int status, String text, Part part, List<Integer> splits,
    int every, boolean gzip, int trickle, int pauseMillis) {
  /** The request header carrying the answer wanted (base64url of its JSON). */
  public static final String HEADER = "X-Contract-Answer";
  /** Replaced by the content of the last user message the application received. */
  public static final String USER = "{{user}}";
  /** Replaced by the content of the first system message the application received. */
  public static final String SYSTEM = "{{system}}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CLOSED = ConcurrentHashMap.newKeySet();

  /** How the answer is sent. */
  public enum Shape {
    /** {@code text/plain}, one body. */
    TEXT,
    /** An OpenAI chat completion, {@code application/json}, one body. */
    JSON,
    /** OpenAI chat completion chunks, {@code text/event-stream}, ending with {@code [DONE]}. */
    SSE
  }

  /** Where the text is in a JSON or SSE answer. */
  public enum Part {
    CONTENT,
    TOOL_ARGUMENTS,
    REASONING
  }

  public ContractAnswer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(part, "part");
    splits = List.copyOf(splits);
  }

  /** A plain-text answer of {@code text}. */
  public static ContractAnswer text(String text) {
    return new ContractAnswer(UUID.randomUUID().toString(), Shape.TEXT, 200, text, Part.CONTENT, List.of(), 0, false, 0, 0);
  }

  /** An OpenAI chat completion whose message content is {@code text}. */
  public static ContractAnswer json(String text) {
    return new ContractAnswer(UUID.randomUUID().toString(), Shape.JSON, 200, text, Part.CONTENT, List.of(), 0, false, 0, 0);
  }

  /** OpenAI chat deltas of {@code text}, a new chunk at each of {@code splits}. */
  public static ContractAnswer sse(String text, Integer... splits) {
    return new ContractAnswer(UUID.randomUUID().toString(), Shape.SSE, 200, text, Part.CONTENT, List.of(splits), 0, false,
        0, 0);
  }

  public ContractAnswer withStatus(int newStatus) {
    return new ContractAnswer(id, shape, newStatus, text, part, splits, every, gzip, trickle, pauseMillis);
  }

  public ContractAnswer in(Part newPart) {
    return new ContractAnswer(id, shape, status, text, newPart, splits, every, gzip, trickle, pauseMillis);
  }

  /** A new chunk every {@code characters} characters of the text. */
  public ContractAnswer every(int characters) {
    return new ContractAnswer(id, shape, status, text, part, splits, characters, gzip, trickle, pauseMillis);
  }

  public ContractAnswer gzipped() {
    return new ContractAnswer(id, shape, status, text, part, splits, every, true, trickle, pauseMillis);
  }

  /** {@code chunks} filler deltas after the text, each followed by a pause of {@code pause}. */
  public ContractAnswer trickle(int chunks, Duration pause) {
    return new ContractAnswer(id, shape, status, text, part, splits, every, gzip, chunks, (int) pause.toMillis());
  }

  /** The value of the {@value #HEADER} header. */
  public String header() {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answer a {@value #HEADER} header asks for. */
  public static ContractAnswer fromHeader(String header) {
    try {
      return JSON.readValue(Base64.getUrlDecoder().decode(header), ContractAnswer.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the application saw the answer {@code id}'s client go away, waiting up to {@code timeout}. */
  public static boolean awaitClosed(String id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!CLOSED.contains(id)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** The reply to a request whose body, as the application read it, is {@code bodySeen}. */
  public Reply reply(byte[] bodySeen) {
    String answer = text.replace(USER, prompt(bodySeen, "user", true)).replace(SYSTEM, prompt(bodySeen, "system", false));
    List<byte[]> chunks = new ArrayList<>();
    String contentType;
    switch (shape) {
      case TEXT -> {
        contentType = "text/plain;charset=UTF-8";
        chunks.add(answer.getBytes(StandardCharsets.UTF_8));
      }
      case JSON -> {
        contentType = "application/json";
        chunks.add(completion(answer));
      }
      default -> {
        contentType = "text/event-stream;charset=UTF-8";
        chunks.add(event(delta(part == Part.TOOL_ARGUMENTS ? "" : null, true), null));
        for (String piece : pieces(answer)) {
          chunks.add(event(delta(piece, false), null));
        }
        for (int i = 0; i < trickle; i++) {
          chunks.add(event(delta(" .", false), null));
        }
        chunks.add(event(JSON.createObjectNode(), part == Part.TOOL_ARGUMENTS ? "tool_calls" : "stop"));
        chunks.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    if (gzip) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(all)) {
        for (byte[] chunk : chunks) {
          out.write(chunk);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      chunks = List.of(all.toByteArray());
    }
    return new Reply(id, status, contentType, gzip ? "gzip" : null, shape != Shape.SSE, List.copyOf(chunks), pauseMillis);
  }

  /** The text cut at the splits and every {@link #every} characters. */
  private List<String> pieces(String answer) {
    List<Integer> cuts = new ArrayList<>(splits);
    for (int at = every; every > 0 && at < answer.length(); at += every) {
      cuts.add(at);
    }
    cuts.add(answer.length());
    List<String> pieces = new ArrayList<>();
    int from = 0;
    for (int cut : cuts.stream().sorted().distinct().toList()) {
      if (cut > from && cut <= answer.length()) {
        pieces.add(answer.substring(from, cut));
        from = cut;
      }
    }
    return pieces;
  }

  private byte[] completion(String answer) {
    ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-" + id).put("object", "chat.completion")
        .put("model", "contract-echo");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    switch (part) {
      case CONTENT -> message.put("content", answer);
      case REASONING -> message.put("reasoning_content", answer).put("content", "");
      case TOOL_ARGUMENTS -> {
        message.putNull("content");
        message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
            .putObject("function").put("name", "send").put("arguments", answer);
      }
    }
    choice.put("finish_reason", part == Part.TOOL_ARGUMENTS ? "tool_calls" : "stop");
    return bytes(root);
  }

  /** A chunk's delta carrying {@code piece} in the part ({@code null}: the role only). */
  private ObjectNode delta(String piece, boolean first) {
    ObjectNode delta = JSON.createObjectNode();
    if (first) {
      delta.put("role", "assistant");
    }
    if (piece == null) {
      return delta;
    }
    switch (part) {
      case CONTENT -> delta.put("content", piece);
      case REASONING -> delta.put("reasoning_content", piece);
      case TOOL_ARGUMENTS -> {
        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0);
        if (first) {
          call.put("id", "call_1").put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (first) {
          function.put("name", "send");
        }
        function.put("arguments", piece);
      }
    }
    return delta;
  }

  private byte[] event(ObjectNode delta, String finishReason) {
    ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-" + id).put("object", "chat.completion.chunk")
        .put("model", "contract-echo");
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return ("data: " + new String(bytes(chunk), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The content of the last ({@code last}) or first message of {@code role} in an OpenAI chat body; empty if none. */
  private static String prompt(byte[] body, String role, boolean last) {
    JsonNode messages;
    try {
      messages = JSON.readTree(body).path("messages");
    } catch (IOException notJson) {
      return "";
    }
    String found = "";
    for (JsonNode message : messages) {
      if (role.equals(message.path("role").asText()) && message.path("content").isTextual()) {
        found = message.path("content").asText();
        if (!last) {
          break;
        }
      }
    }
    return found;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the application sends.
   *
   * @param contentEncoding the {@code Content-Encoding}, or {@code null}
   * @param buffered whether the body is one piece of known length (send its {@code Content-Length})
   */
  public record Reply(String id, int status, String contentType, String contentEncoding, boolean buffered,
      List<byte[]> chunks, int pauseMillis) {
    /** The body's length. */
    public long length() {
      return chunks.stream().mapToLong(c -> c.length).sum();
    }

    /**
     * Writes and flushes each chunk, pausing after each; an {@link IOException} (the client went
     * away, or the adapter ended the answer) is recorded for {@link #awaitClosed} and thrown.
     */
    public void writeTo(OutputStream out) throws IOException {
      try {
        for (byte[] chunk : chunks) {
          out.write(chunk);
          out.flush();
          if (pauseMillis > 0) {
            Thread.sleep(pauseMillis);
          }
        }
      } catch (IOException e) {
        upstreamClosed();
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        upstreamClosed();
        throw new IOException("interrupted", e);
      }
    }

    /** Records that the answer's client side went away before its end. */
    public void upstreamClosed() {
      CLOSED.add(id);
    }
  }
}
