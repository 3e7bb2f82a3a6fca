package com.lockllm.scan;

import java.util.List;
import java.util.Objects;

/**
 * One piece of prompt text taken from a request body: who said it ({@code role}, one of the
 * {@code ROLE_*} names), the text, the RFC 6901 JSON Pointer of the field it came from, and the
 * byte range {@code [sourceStart, sourceEnd)} of that JSON string token (quotes included) in the
 * body, so the body can be rewritten there and nowhere else. Segments that did not come from a
 * JSON body have no pointer and a source range of {@code -1}.
 *
 * <p>{@code encoding} is {@code null} when the text is the JSON string itself. Otherwise the string
 * holds the text encoded (base64 file data, a {@code data:} URI) and the text is what it decodes to;
 * {@link com.lockllm.extract.BodyRewriter} encodes a replacement the same way.
 */
public record PromptSegment(
    String role, String text, String jsonPointer, int sourceStart, int sourceEnd, SourceEncoding encoding) {
  /** What the end user typed (also text whose role is missing or unknown). */
  public static final String ROLE_USER = "user";
  /** System and developer instructions: system messages, {@code instructions}, {@code preamble}. */
  public static final String ROLE_SYSTEM = "system";
  /** Earlier model turns fed back, with their tool calls' arguments and reasoning. */
  public static final String ROLE_ASSISTANT = "assistant";
  /** Tool and function results. */
  public static final String ROLE_TOOL = "tool";
  /** Tool and function definitions, their JSON schemas, and response-format schemas. */
  public static final String ROLE_TOOL_DEFINITION = "tool_definition";
  /** Documents, files and inline text data (decoded when base64 or a {@code data:} URI). */
  public static final String ROLE_DOCUMENT = "document";
  /** Every role, in the order of the scan-scope table. */
  public static final List<String> ROLES =
      List.of(ROLE_USER, ROLE_SYSTEM, ROLE_ASSISTANT, ROLE_TOOL, ROLE_TOOL_DEFINITION, ROLE_DOCUMENT);

  public PromptSegment {
    Objects.requireNonNull(text, "text");
    if (sourceStart > sourceEnd) {
      throw new IllegalArgumentException("sourceStart > sourceEnd");
    }
  }

  /** A segment whose text is its JSON string's value. */
  public PromptSegment(String role, String text, String jsonPointer, int sourceStart, int sourceEnd) {
    this(role, text, jsonPointer, sourceStart, sourceEnd, null);
  }

  /** A user segment of plain text, not tied to a body. */
  public static PromptSegment of(String text) {
    return new PromptSegment(ROLE_USER, text, null, -1, -1, null);
  }

  /** Whether this segment knows where it sits in the body. */
  public boolean hasSource() {
    return sourceStart >= 0;
  }

  /** Whether the text was decoded from its JSON string (see {@link #encoding()}). */
  public boolean isEncoded() {
    return encoding != null;
  }

  /** This segment with another role. */
  public PromptSegment withRole(String newRole) {
    return new PromptSegment(newRole, text, jsonPointer, sourceStart, sourceEnd, encoding);
  }
}
