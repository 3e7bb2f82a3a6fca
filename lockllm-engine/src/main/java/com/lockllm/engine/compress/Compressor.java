package com.lockllm.engine.compress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.lockllm.scan.CompressionMethod;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The embedded engine's prompt compression, per prompt text:
 *
 * <ul>
 *   <li>{@code toon}: a text that is a JSON object or array (and nothing else) becomes {@link Toon}
 *       when that is shorter; other text is left alone;
 *   <li>{@code compact}: lossless white-space compaction: runs of spaces and tabs inside a line become
 *       one space, trailing white space goes, and more than one blank line becomes one. Leading
 *       indentation stays (it is meaning in code and YAML). The LockLLM API's {@code compact} is a
 *       learned, lossy compressor tuned by {@code compression_rate}; this one never drops a word, so
 *       the rate has no effect;
 *   <li>{@code combined}: {@code toon}, then {@code compact}.
 * </ul>
 */
public final class Compressor {
  /** The whole text must be one JSON value: a prefix that parses must not swallow the rest. */
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Pattern INNER_SPACES = Pattern.compile("(?<=\\S)[ \\t]{2,}(?=\\S)");
  private static final Pattern TRAILING = Pattern.compile("[ \\t]+(?=\\n|$)");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n(?:[ \\t]*\\n){2,}");

  private Compressor() {}

  /** {@code text} compressed with {@code method}; the same string when nothing was saved. */
  public static String compress(String text, CompressionMethod method) {
    String out = switch (method) {
      case TOON -> toon(text);
      case COMPACT -> compact(text);
      case COMBINED -> compact(toon(text));
    };
    return out.length() < text.length() ? out : text;
  }

  static String toon(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
      return text;
    }
    try {
      JsonNode json = STRICT.readTree(trimmed);
      if (json == null || !json.isContainerNode() || json.isEmpty()) {
        return text;
      }
      String encoded = Toon.encode(json);
      return encoded.length() < text.length() ? encoded : text;
    } catch (IOException e) {
      return text;
    }
  }

  static String compact(String text) {
    String out = INNER_SPACES.matcher(text).replaceAll(" ");
    out = TRAILING.matcher(out).replaceAll("");
    return BLANK_LINES.matcher(out).replaceAll("\n\n");
  }
}
