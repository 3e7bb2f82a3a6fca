package com.lockllm.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How a {@link PromptSegment}'s text sits encoded in its JSON string: {@code prefix} (a
 * {@code data:} URI's header up to and including the comma, or empty for bare base64) followed by
 * the text's UTF-8 bytes in {@code kind}'s encoding. {@link #encode} gives the JSON string value
 * for a replacement text, so a redacted document stays a document of the same shape.
 */
public record SourceEncoding(String prefix, Kind kind) {
  /** The payload encodings the extractor decodes. */
  public enum Kind {
    /** RFC 4648 base64 with {@code +/} and padding. */
    BASE64,
    /** RFC 4648 base64url ({@code -_}), as some clients send file data. */
    BASE64_URL,
    /** A {@code data:} URI payload without {@code ;base64}: RFC 3986 percent-encoding. */
    PERCENT
  }

  public SourceEncoding {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(kind, "kind");
  }

  /** The JSON string value (unquoted, unescaped) that holds {@code text} in this encoding. */
  public String encode(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return switch (kind) {
      case BASE64 -> prefix + Base64.getEncoder().encodeToString(utf8);
      case BASE64_URL -> prefix + Base64.getUrlEncoder().encodeToString(utf8);
      case PERCENT -> prefix + percentEncode(utf8);
    };
  }

  private static String percentEncode(byte[] utf8) {
    StringBuilder sb = new StringBuilder(utf8.length + 16);
    for (byte b : utf8) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
