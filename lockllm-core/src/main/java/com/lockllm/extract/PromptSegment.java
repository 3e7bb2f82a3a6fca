package com.lockllm.extract;

import java.util.Objects;

/**
 * One piece of prompt text taken from a request body: who said it ({@code role}, such as
 * {@code user}, {@code system} or {@code tool}), the text, the RFC 6901 JSON Pointer of the field
 * it came from, and the byte range {@code [sourceStart, sourceEnd)} of that JSON string token
 * (quotes included) in the body, so the body can be rewritten there and nowhere else. Segments
 * that did not come from a JSON body have no pointer and a source range of {@code -1}.
 */
public record PromptSegment(String role, String text, String jsonPointer, int sourceStart, int sourceEnd) {
  public static final String ROLE_USER = "user";
  public static final String ROLE_SYSTEM = "system";
  public static final String ROLE_ASSISTANT = "assistant";
  public static final String ROLE_TOOL = "tool";

  public PromptSegment {
    Objects.requireNonNull(text, "text");
    if (sourceStart > sourceEnd) {
      throw new IllegalArgumentException("sourceStart > sourceEnd");
    }
  }

  /** A user segment of plain text, not tied to a body. */
  public static PromptSegment of(String text) {
    return new PromptSegment(ROLE_USER, text, null, -1, -1);
  }

  /** Whether this segment knows where it sits in the body. */
  public boolean hasSource() {
    return sourceStart >= 0;
  }
}
