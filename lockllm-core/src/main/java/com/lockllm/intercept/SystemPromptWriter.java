package com.lockllm.intercept;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.lockllm.extract.PromptFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Adds text to a request body's system prompt by splicing bytes in, as {@link
 * com.lockllm.extract.BodyRewriter} does: every byte of the body stays as it was, and the only
 * change is one insertion (or, where the field is {@code null}, that token replaced). Not API.
 *
 * <p>Where, per format (the first of each that the body has):
 * <ul>
 *   <li>OpenAI chat, Cohere v2: the first {@code system} or {@code developer} message: string
 *       content gets the text before or after it (with a blank line between), an array of parts a
 *       {@code text} part first or last; with no such message, a {@code system} message is
 *       inserted at index 0 of {@code messages};
 *   <li>OpenAI Responses: {@code instructions}, created when absent;
 *   <li>Anthropic: {@code system}, a string or an array of text blocks, created when absent;
 *   <li>Gemini: {@code systemInstruction.parts} (or {@code system_instruction}), created when absent;
 *   <li>Cohere v1 (no {@code messages}): {@code preamble}, created when absent.
 * </ul>
 * A created field goes first in its object. Legacy completions and pointer-only bodies have no
 * system prompt: nothing is added.
 */
final class SystemPromptWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String SEPARATOR = "\n\n";

  private SystemPromptWriter() {}

  /**
   * {@code body} with {@code text} added to its system prompt, at its start or end; {@code null}
   * when the format has no system prompt or the body's one has a shape we do not write into.
   */
  static byte[] add(byte[] body, PromptFormat format, String text, boolean atStart) {
    Splice splice;
    try (JsonParser p = FACTORY.createParser(body)) {
      splice = new Walk(p, text, atStart).splice(format);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return splice == null ? null : splice.applyTo(body);
  }

  /** Replace {@code [start, end)} of the body with {@code bytes}; an insertion when {@code start == end}. */
  private record Splice(int start, int end, byte[] bytes) {
    byte[] applyTo(byte[] body) {
      byte[] out = new byte[body.length - (end - start) + bytes.length];
      System.arraycopy(body, 0, out, 0, start);
      System.arraycopy(bytes, 0, out, start, bytes.length);
      System.arraycopy(body, end, out, start + bytes.length, body.length - end);
      return out;
    }
  }

  /** One pass over the root object, noting where the text would go for each field of interest. */
  private static final class Walk {
    private final JsonParser p;
    private final String text;
    private final boolean atStart;
    private int rootOpen;
    private boolean rootEmpty = true;
    /** Per field of interest: where the text goes, and whether the body has the field at all. */
    private Splice messages;
    private boolean hasMessages;
    private Splice system;
    private boolean hasSystem;
    private Splice instructions;
    private boolean hasInstructions;
    private Splice preamble;
    private boolean hasPreamble;
    private Splice systemInstruction;
    private boolean hasSystemInstruction;

    Walk(JsonParser p, String text, boolean atStart) {
      this.p = p;
      this.text = text;
      this.atStart = atStart;
    }

    Splice splice(PromptFormat format) throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      rootOpen = offset();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        rootEmpty = false;
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!read(format, name, value)) {
          p.skipChildren();
        }
      }
      return switch (format) {
        case OPENAI_CHAT -> messages;
        case COHERE -> hasMessages ? messages : field(hasPreamble, preamble, "preamble", quoted(text));
        case OPENAI_RESPONSES -> field(hasInstructions, instructions, "instructions", quoted(text));
        case ANTHROPIC -> field(hasSystem, system, "system", quoted(text));
        case GEMINI -> field(hasSystemInstruction, systemInstruction, "systemInstruction",
            "{\"parts\":[" + geminiPart() + "]}");
        default -> null;
      };
    }

    /** Reads the root member {@code name} when it is where {@code format} keeps its system prompt. */
    private boolean read(PromptFormat format, String name, JsonToken value) throws IOException {
      switch (format) {
        case OPENAI_CHAT, COHERE -> {
          if (name.equals("messages")) {
            hasMessages = true;
            messages = value == JsonToken.START_ARRAY ? messages() : skip();
            return true;
          }
          if (format == PromptFormat.COHERE && name.equals("preamble")) {
            hasPreamble = true;
            preamble = stringField();
            return true;
          }
        }
        case ANTHROPIC -> {
          if (name.equals("system")) {
            hasSystem = true;
            system = value == JsonToken.START_ARRAY ? array(textBlock()) : stringField();
            return true;
          }
        }
        case OPENAI_RESPONSES -> {
          if (name.equals("instructions")) {
            hasInstructions = true;
            instructions = stringField();
            return true;
          }
        }
        case GEMINI -> {
          if (!hasSystemInstruction && (name.equals("systemInstruction") || name.equals("system_instruction"))) {
            hasSystemInstruction = true;
            systemInstruction = geminiInstruction();
            return true;
          }
        }
        default -> { }
      }
      return false;
    }

    /** The splice into the first system message, else a new system message at index 0. */
    private Splice messages() throws IOException {
      int open = offset();
      boolean empty = true;
      Splice found = null;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        empty = false;
        if (t != JsonToken.START_OBJECT || found != null) {
          p.skipChildren();
          continue;
        }
        boolean isSystem = false;
        Splice content = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("role") && value == JsonToken.VALUE_STRING) {
            String role = p.getText();
            isSystem = role.equalsIgnoreCase("system") || role.equalsIgnoreCase("developer");
          } else if (name.equals("content")) {
            content = value == JsonToken.START_ARRAY ? array(textBlock()) : stringField();
          } else {
            p.skipChildren();
          }
        }
        if (isSystem && content != null) {
          found = content;
        }
      }
      if (found != null) {
        return found;
      }
      String message = "{\"role\":\"system\",\"content\":" + quoted(text) + "}";
      return new Splice(open + 1, open + 1, bytes(empty ? message : message + ","));
    }

    /** The splice into a Gemini system instruction (an object with {@code parts}, or lenient: a string). */
    private Splice geminiInstruction() throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.START_OBJECT) {
        return stringField();
      }
      int open = offset();
      boolean empty = true;
      Splice parts = null;
      boolean hasParts = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        empty = false;
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("parts") && !hasParts) {
          hasParts = true;
          parts = value == JsonToken.START_ARRAY ? array(geminiPart())
              : value == JsonToken.VALUE_NULL ? replace("[" + geminiPart() + "]") : skip();
        } else {
          p.skipChildren();
        }
      }
      if (hasParts) {
        return parts;
      }
      String member = "\"parts\":[" + geminiPart() + "]";
      return new Splice(open + 1, open + 1, bytes(empty ? member : member + ","));
    }

    /** At a string: the text spliced inside it; at {@code null}: replaced by the text; else nothing. */
    private Splice stringField() throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return replace(quoted(text));
      }
      if (t != JsonToken.VALUE_STRING) {
        p.skipChildren();
        return null;
      }
      int start = offset();
      String current = p.getText();
      int end = (int) p.currentLocation().getByteOffset();
      if (current.isEmpty()) {
        return new Splice(start + 1, start + 1, escaped(text));
      }
      return atStart
          ? new Splice(start + 1, start + 1, escaped(text + SEPARATOR))
          : new Splice(end - 1, end - 1, escaped(SEPARATOR + text));
    }

    /** At an array: {@code element} added first or last. */
    private Splice array(String element) throws IOException {
      int open = offset();
      boolean empty = true;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        empty = false;
        p.skipChildren();
      }
      if (empty) {
        return new Splice(open + 1, open + 1, bytes(element));
      }
      int close = offset();
      return atStart ? new Splice(open + 1, open + 1, bytes(element + ",")) : new Splice(close, close, bytes("," + element));
    }

    /** The current token replaced by {@code json}. */
    private Splice replace(String json) throws IOException {
      int start = offset();
      p.finishToken();
      return new Splice(start, (int) p.currentLocation().getByteOffset(), bytes(json));
    }

    private Splice skip() throws IOException {
      p.skipChildren();
      return null;
    }

    /**
     * {@code existing} when the body has the field ({@code null} when its shape is not one we write
     * into), else a new first member {@code name} of the root holding {@code json}.
     */
    private Splice field(boolean present, Splice existing, String name, String json) {
      if (present) {
        return existing;
      }
      String member = quoted(name) + ":" + json;
      return new Splice(rootOpen + 1, rootOpen + 1, bytes(rootEmpty ? member : member + ","));
    }

    private String textBlock() {
      return "{\"type\":\"text\",\"text\":" + quoted(text) + "}";
    }

    private String geminiPart() {
      return "{\"text\":" + quoted(text) + "}";
    }

    private int offset() {
      return (int) p.currentTokenLocation().getByteOffset();
    }
  }

  private static String quoted(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private static byte[] escaped(String s) {
    return JsonStringEncoder.getInstance().quoteAsUTF8(s);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
