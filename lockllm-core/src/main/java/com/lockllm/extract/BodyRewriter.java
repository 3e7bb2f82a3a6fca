package com.lockllm.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.SourceEncoding;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rewrites a JSON request body at the string tokens of extracted {@link PromptSegment}s, leaving
 * every other byte as it was, so that (for example) text with PII stripped reaches the
 * application in the client's own JSON.
 */
public final class BodyRewriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Comparator<Edit> BY_START = Comparator.comparingInt(Edit::start);

  private BodyRewriter() {}

  /**
   * A new body in which each segment's string token {@code [sourceStart, sourceEnd)} holds the
   * JSON string of the replacement at the same index; for an {@linkplain PromptSegment#isEncoded
   * encoded} segment, the replacement encoded with the segment's {@link SourceEncoding} (same
   * {@code data:} prefix, same base64 alphabet). Segments whose replacement equals their text are
   * left byte-for-byte as they were. {@code body} is the array the segments were
   * extracted from (their offsets index it).
   *
   * @throws IllegalArgumentException if the lists differ in size, a segment has no source, lies
   *     outside {@code body} or not on a string token, or two segments overlap; or a replacement
   *     holds an unpaired surrogate
   */
  public static byte[] rewrite(byte[] body, List<PromptSegment> segments, List<String> replacements) {
    Objects.requireNonNull(body, "body");
    if (segments.size() != replacements.size()) {
      throw new IllegalArgumentException(
          "segments and replacements differ in size: " + segments.size() + " != " + replacements.size());
    }
    Edit[] edits = new Edit[segments.size()];
    for (int i = 0; i < edits.length; i++) {
      PromptSegment segment = segments.get(i);
      String replacement = Objects.requireNonNull(replacements.get(i), "replacement");
      if (!segment.hasSource()) {
        throw new IllegalArgumentException("segment " + i + " has no source range in the body");
      }
      int start = segment.sourceStart();
      int end = segment.sourceEnd();
      if (end > body.length || end - start < 2 || body[start] != '"' || body[end - 1] != '"') {
        throw new IllegalArgumentException(
            "segment " + i + " [" + start + ", " + end + ") is not a JSON string token of the body");
      }
      // an encoded segment (base64 file data, a data: URI) gets its replacement encoded the same way
      String value = segment.isEncoded() ? segment.encoding().encode(replacement) : replacement;
      edits[i] = new Edit(start, end, replacement.equals(segment.text()) ? null : quote(value));
    }
    Arrays.sort(edits, BY_START);
    int size = body.length;
    for (int i = 0; i < edits.length; i++) {
      Edit edit = edits[i];
      if (i > 0 && edit.start < edits[i - 1].end) {
        throw new IllegalArgumentException(
            "segments overlap at [" + edit.start + ", " + edit.end + ") and [" + edits[i - 1].start + ", "
                + edits[i - 1].end + ")");
      }
      if (edit.bytes != null) {
        size += edit.bytes.length - (edit.end - edit.start);
      }
    }
    byte[] result = new byte[size];
    int from = 0;
    int to = 0;
    for (Edit edit : edits) {
      if (edit.bytes == null) {
        continue;
      }
      int keep = edit.start - from;
      System.arraycopy(body, from, result, to, keep);
      to += keep;
      System.arraycopy(edit.bytes, 0, result, to, edit.bytes.length);
      to += edit.bytes.length;
      from = edit.end;
    }
    System.arraycopy(body, from, result, to, body.length - from);
    return result;
  }

  private static byte[] quote(String text) {
    byte[] escaped;
    try {
      escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("replacement is not valid UTF-16 text", e);
    }
    byte[] quoted = new byte[escaped.length + 2];
    quoted[0] = '"';
    System.arraycopy(escaped, 0, quoted, 1, escaped.length);
    quoted[quoted.length - 1] = '"';
    return quoted;
  }

  /** A token to replace with {@code bytes}, or to keep when {@code bytes} is null. */
  private record Edit(int start, int end, byte[] bytes) {}

  /**
   * The value of the top-level string field {@code name} of a JSON object body with its byte range,
   * or {@code null} when the body has no such string field (or is not a JSON object).
   */
  public static PromptSegment topLevelString(byte[] body, String name) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        boolean match = name.equals(p.currentName());
        JsonToken value = p.nextToken();
        if (match && value == JsonToken.VALUE_STRING) {
          int start = (int) p.currentTokenLocation().getByteOffset();
          String text = p.getText();
          int end = (int) p.currentLocation().getByteOffset();
          return new PromptSegment(null, text, "/" + name, start, end);
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code body} with the top-level string field {@code name} set to {@code value}; the same array when there is none. */
  public static byte[] replaceTopLevelString(byte[] body, String name, String value) {
    PromptSegment field = topLevelString(body, name);
    return field == null ? body : rewrite(body, List.of(field), List.of(value));
  }
}
