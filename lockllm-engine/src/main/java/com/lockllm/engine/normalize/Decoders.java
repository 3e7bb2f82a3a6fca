package com.lockllm.engine.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Finds runs of base64, hex and URL-encoded text, each in one linear pass, and decodes those that
 * turn out to be readable text. Binary payloads (hashes, images, keys) fail the strict UTF-8 and
 * readability checks and are dropped. Not API.
 */
final class Decoders {
  static final int MIN_BASE64_RUN = 16;
  static final int MIN_HEX_BYTES = 8;
  static final int MIN_URL_ESCAPES = 2;
  /** Longer runs are decoded only up to this many characters: enough to read hidden text. */
  static final int MAX_RUN = 16_384;

  private Decoders() {}

  /** Receives the span {@code [start, end)} of one encoded run. */
  @FunctionalInterface
  interface RunSink {
    /** Returns false to stop the search. */
    boolean run(int start, int end);
  }

  /** A kind of encoding: how to find its runs and how to decode one. */
  enum Encoding {
    BASE64(NormalizedText.Kind.BASE64),
    HEX(NormalizedText.Kind.HEX),
    URL_ENCODED(NormalizedText.Kind.URL_ENCODED);

    final NormalizedText.Kind kind;

    Encoding(NormalizedText.Kind kind) {
      this.kind = kind;
    }

    /** Reports each run of this encoding in {@code s[from, to)}, left to right. */
    void findRuns(String s, int from, int to, RunSink sink) {
      switch (this) {
        case BASE64: base64Runs(s, from, to, sink); break;
        case HEX: hexRuns(s, from, to, sink); break;
        default: urlRuns(s, from, to, sink); break;
      }
    }

    /** The readable text of the run {@code s[start, end)}, or {@code null}. */
    String decode(String s, int start, int end) {
      int limit = Math.min(end, start + MAX_RUN);
      switch (this) {
        case BASE64: return base64(s, start, limit);
        case HEX: return hex(s, start, limit);
        default: return url(s, start, limit);
      }
    }
  }

  static void base64Runs(String s, int from, int to, RunSink sink) {
    int i = from;
    while (i < to) {
      if (!isBase64(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < to && isBase64(s.charAt(i))) {
        i++;
      }
      int end = i;
      while (end < to && end - i < 2 && s.charAt(end) == '=') {
        end++;
      }
      if (i - start >= MIN_BASE64_RUN && !sink.run(start, end)) {
        return;
      }
      i = end;
    }
  }

  /**
   * Hex bytes as contiguous pairs ({@code 69676e6f7265}), pairs split by one of {@code " :,-"}, or
   * with {@code \x} or {@code 0x} prefixes; at least {@value #MIN_HEX_BYTES} bytes, starting and
   * ending at a word boundary.
   */
  static void hexRuns(String s, int from, int to, RunSink sink) {
    int i = from;
    while (i < to) {
      if (i > from && isAlnum(s.charAt(i - 1)) || !startsHexByte(s, i, to)) {
        i++;
        continue;
      }
      int pairs = 0;
      int end = i;
      int j = i;
      while (true) {
        int p = j;
        if (p + 1 < to && (s.charAt(p) == '\\' || s.charAt(p) == '0') && s.charAt(p + 1) == 'x'
            && isHexPair(s, p + 2, to)) {
          p += 2;
        }
        if (!isHexPair(s, p, to)) {
          break;
        }
        pairs++;
        end = p + 2;
        j = end;
        if (j < to && " :,-".indexOf(s.charAt(j)) >= 0 && j + 1 < to && s.charAt(j + 1) != ' ') {
          j++;
        }
      }
      boolean bounded = end >= to || !isAlnum(s.charAt(end));
      if (pairs >= MIN_HEX_BYTES && bounded && !sink.run(i, end)) {
        return;
      }
      i = Math.max(end, i + 1);
    }
  }

  /** Tokens (white-space delimited) holding at least {@value #MIN_URL_ESCAPES} {@code %XX} escapes. */
  static void urlRuns(String s, int from, int to, RunSink sink) {
    int i = s.indexOf('%', from);
    while (i >= 0 && i < to) {
      int start = i;
      while (start > from && !Character.isWhitespace(s.charAt(start - 1))) {
        start--;
      }
      int end = i;
      int escapes = 0;
      while (end < to && !Character.isWhitespace(s.charAt(end))) {
        if (s.charAt(end) == '%' && isHexPair(s, end + 1, to)) {
          escapes++;
        }
        end++;
      }
      if (escapes >= MIN_URL_ESCAPES && !sink.run(start, end)) {
        return;
      }
      i = s.indexOf('%', end);
    }
  }

  static String base64(String s, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean standard = false;
    boolean urlSafe = false;
    int len = 0;
    for (int i = start; i < end && s.charAt(i) != '='; i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      standard |= c == '+' || c == '/';
      urlSafe |= c == '-' || c == '_';
      len++;
    }
    // Encoded text mixes cases; a run in one case is a word, an identifier or hex.
    if (!upper || !lower || (standard && urlSafe)) {
      return null;
    }
    len -= len % 4 == 1 ? 1 : 0;
    String run = s.substring(start, start + len);
    try {
      byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(pad(run));
      return readable(bytes, bytes.length);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String hex(String s, int start, int end) {
    byte[] bytes = new byte[(end - start) / 2];
    int count = 0;
    int high = -1;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == 'x' && high == 0 && s.charAt(i - 1) == '0') {
        // The 0 of a 0x prefix was taken for a digit.
        high = -1;
        continue;
      }
      int d = hexValue(c);
      if (d < 0) {
        continue;
      }
      if (high < 0) {
        high = d;
      } else {
        bytes[count++] = (byte) (high << 4 | d);
        high = -1;
      }
    }
    return readable(bytes, count);
  }

  static String url(String s, int start, int end) {
    byte[] bytes = new byte[(end - start) * 3];
    int count = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%' && isHexPair(s, i + 1, end)) {
        bytes[count++] = (byte) (hexValue(s.charAt(i + 1)) << 4 | hexValue(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+') {
        bytes[count++] = ' ';
      } else if (c < 0x80) {
        bytes[count++] = (byte) c;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, bytes, count, utf8.length);
        count += utf8.length;
      }
    }
    return readable(bytes, count);
  }

  /**
   * The bytes as text when they are strict UTF-8, at least 60% letters, digits and spaces, and free
   * of control characters; otherwise {@code null}.
   */
  static String readable(byte[] bytes, int length) {
    if (length < 4) {
      return null;
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    int good = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' && c != '\n' && c != '\r' && c != '\t' || c == 0x7F || c == 0xFFFD) {
        return null;
      }
      if (Character.isLetterOrDigit(c) || c == ' ') {
        good++;
      }
    }
    return good * 10 >= text.length() * 6 ? text : null;
  }

  private static String pad(String run) {
    int rem = run.length() % 4;
    return rem == 0 ? run : run + "==".substring(0, 4 - rem);
  }

  private static boolean startsHexByte(String s, int i, int to) {
    char c = s.charAt(i);
    return hexValue(c) >= 0 || (c == '\\' && i + 1 < to && s.charAt(i + 1) == 'x');
  }

  private static boolean isHexPair(String s, int i, int to) {
    return i + 1 < to && hexValue(s.charAt(i)) >= 0 && hexValue(s.charAt(i + 1)) >= 0;
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean isBase64(char c) {
    return isAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_';
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
