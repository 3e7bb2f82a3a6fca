package com.lockllm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.extract.PromptFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the model's text is in an answer, buffered or streamed, so that every text the client will
 * read (answer text, tool-call arguments, reasoning) passes through an {@link AnswerChannel} and
 * nothing else is touched: ids, usage, and texts the provider echoes from the request (such as the
 * Responses {@code instructions}) stay as they came. Immutable; thread-safe.
 */
public final class AnswerFormat {
  /** OpenAI Chat Completions, and the OpenAI-compatible providers (Mistral, Groq, DeepSeek, OpenRouter...). */
  public static final AnswerFormat OPENAI_CHAT = new AnswerFormat("openai-chat", Shape.OPENAI, null);
  /** OpenAI legacy Completions. */
  public static final AnswerFormat OPENAI_COMPLETIONS = new AnswerFormat("openai-completions", Shape.OPENAI, null);
  /** OpenAI Responses. */
  public static final AnswerFormat OPENAI_RESPONSES = new AnswerFormat("openai-responses", Shape.RESPONSES, null);
  /** Anthropic Messages. */
  public static final AnswerFormat ANTHROPIC = new AnswerFormat("anthropic", Shape.ANTHROPIC, null);
  /** Google Gemini {@code generateContent} and {@code streamGenerateContent} (SSE, or a JSON array without {@code alt=sse}). */
  public static final AnswerFormat GEMINI = new AnswerFormat("gemini", Shape.GEMINI, null);
  /** Cohere Chat v2, and v1's text. */
  public static final AnswerFormat COHERE = new AnswerFormat("cohere", Shape.COHERE, null);
  /**
   * Detected from the buffered answer's shape, or from the first SSE event that shows one; an
   * answer of no known shape has every string checked (a stream's strings each whole, on its own).
   */
  public static final AnswerFormat AUTO = new AnswerFormat("auto", null, null);

  private final String name;
  /** null for AUTO and pointers */
  private final Shape shape;
  private final Pointers pointers;

  private AnswerFormat(String name, Shape shape, Pointers pointers) {
    this.name = name;
    this.shape = shape;
    this.pointers = pointers;
  }

  /** The answer format for a request format (AUTO and POINTERS -> AUTO: detected from the answer's shape / first events). */
  public static AnswerFormat of(PromptFormat requestFormat) {
    return switch (Objects.requireNonNull(requestFormat, "requestFormat")) {
      case OPENAI_CHAT -> OPENAI_CHAT;
      case OPENAI_COMPLETIONS -> OPENAI_COMPLETIONS;
      case OPENAI_RESPONSES -> OPENAI_RESPONSES;
      case ANTHROPIC -> ANTHROPIC;
      case GEMINI -> GEMINI;
      case COHERE -> COHERE;
      case AUTO, POINTERS -> AUTO;
    };
  }

  /**
   * Configured JSON Pointers (RFC 6901, with "*" segments matching every array element / object
   * member): every string leaf under each is TEXT. In a stream each concrete path (array indexes
   * included) is one channel, continued by the same path in later events, ending at {@code [DONE]}
   * or the upstream's end.
   *
   * @throws IllegalArgumentException if {@code pointers} is empty or one is not a JSON Pointer
   */
  public static AnswerFormat pointers(List<String> pointers) {
    return new AnswerFormat("pointers", null, new Pointers(pointers));
  }

  /**
   * Guards every text of a buffered answer in place (each text location through its own channel
   * from channels.open(kind); accept(text)+finish() replaces the string). Returns false as soon as
   * a channel stopped: the caller then answers with channels.blocked().
   */
  public boolean guard(JsonNode answer, AnswerChannels channels) {
    Objects.requireNonNull(channels, "channels");
    List<BufferedTexts.Located> texts = new ArrayList<>();
    if (pointers != null) {
      pointers.strings(answer).values().forEach(slot -> texts.add(new BufferedTexts.Located(ChannelKind.TEXT, slot)));
    } else {
      BufferedTexts.locate(shape == null ? Shape.ofAnswer(answer) : shape, answer, texts);
    }
    for (BufferedTexts.Located text : texts) {
      AnswerChannel channel = channels.open(text.kind());
      String was = text.slot().get();
      String now = channel.accept(was);
      if (channel.stopped()) {
        return false;
      }
      now += channel.finish();
      if (channel.stopped()) {
        return false;
      }
      if (!now.equals(was)) {
        text.slot().set(now);
      }
    }
    return true;
  }

  /**
   * The bytes of one SSE error event in this provider's own streaming error format, for an answer
   * cut by {@code error}. AUTO and pointers answer the LockLLM error body as the data of an unnamed
   * event (the OpenAI shape); a {@link SseAnswerGuard} that detected the format answers in its.
   */
  public byte[] errorEvent(LockLLMException error) {
    return errorEvent(error, shape, "\n");
  }

  /** The format's name in configuration, such as {@code openai-chat}. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  /** A new reader of one streamed answer in this format. */
  SseDialect dialect() {
    if (pointers != null) {
      return new PointerSse(pointers);
    }
    return shape == null ? new AutoSse() : SseDialect.of(shape);
  }

  /**
   * The error event of {@code shape} (the LockLLM body, which is OpenAI's error shape, for null and
   * UNKNOWN). Cohere documents no streaming error: we send an {@code error} event whose data is
   * {@code {"type":"error","error":{...}}} with the LockLLM error object.
   */
  static byte[] errorEvent(LockLLMException error, Shape shape, String lineEnd) {
    Objects.requireNonNull(error, "error");
    ObjectNode data = AnswerJson.object();
    String event = "error";
    switch (shape == null ? Shape.UNKNOWN : shape) {
      case RESPONSES -> data.put("type", "error").put("code", error.code()).put("message", error.getMessage())
          .putNull("param");
      case ANTHROPIC -> data.put("type", "error").putObject("error").put("type", error.type())
          .put("message", error.getMessage());
      case GEMINI -> {
        int status = LockLLMErrors.statusOf(error);
        data.putObject("error").put("code", status).put("message", error.getMessage()).put("status", googleStatus(status));
        event = null;
      }
      case COHERE -> data.put("type", "error").set("error", lockLlmError(error));
      case OPENAI, UNKNOWN -> {
        data.set("error", lockLlmError(error));
        event = null;
      }
    }
    return SseEvent.of(event, AnswerJson.write(data), lineEnd);
  }

  private static JsonNode lockLlmError(LockLLMException error) {
    try {
      return AnswerJson.read(new String(LockLLMErrors.toJson(error), StandardCharsets.UTF_8)).get("error");
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The {@code google.rpc.Code} name Google APIs pair with an HTTP status. */
  private static String googleStatus(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 499 -> "CANCELLED";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> status < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
    };
  }
}
