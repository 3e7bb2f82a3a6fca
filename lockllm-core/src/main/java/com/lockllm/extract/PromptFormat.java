package com.lockllm.extract;

import java.util.Locale;

/** The request body formats {@link PromptExtractor} reads prompts from. */
public enum PromptFormat {
  /** Detect the format from the JSON's shape. */
  AUTO("auto"),
  /** OpenAI Chat Completions: {@code messages[].content} as a string or an array of parts. */
  OPENAI_CHAT("openai-chat"),
  /** OpenAI Responses: {@code input} (string or items) and {@code instructions}. */
  OPENAI_RESPONSES("openai-responses"),
  /** OpenAI legacy Completions: {@code prompt} as a string or an array of strings. */
  OPENAI_COMPLETIONS("openai-completions"),
  /** Anthropic Messages: {@code system} and {@code messages[].content} blocks, tool results included. */
  ANTHROPIC("anthropic"),
  /** Google Gemini: {@code contents[].parts[].text} and {@code systemInstruction}. */
  GEMINI("gemini"),
  /** Cohere Chat: v1 {@code message}, {@code preamble}, {@code chat_history}; v2 {@code messages}. */
  COHERE("cohere"),
  /** Only the configured JSON Pointers. */
  POINTERS("pointers");

  private final String wireName;

  PromptFormat(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in configuration, such as {@code openai-chat}. */
  public String wireName() {
    return wireName;
  }

  /** The format named {@code value} (case-insensitive; {@code _} and {@code -} alike). */
  public static PromptFormat fromWire(String value) {
    String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (PromptFormat format : values()) {
      if (format.wireName.equals(normalized)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "extraction format must be one of [auto, openai-chat, openai-responses, openai-completions, "
            + "anthropic, gemini, cohere, pointers], got '" + value + "'");
  }
}
