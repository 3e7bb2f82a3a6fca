package com.lockllm.engine.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Finds runs of base64, hex and URL-encoded text, each in one linear pass, and decodes them whole.
 * A run that decodes to readable text (UTF-8, or UTF-16 by its zero bytes) is kept as it is; from
 * one that does not, the stretches of readable text of at least {@value #MIN_STRING} characters
 * are kept, so text hidden after binary bytes is still read. Binary payloads with no such
 * stretch (hashes, images, keys) decode to nothing. Not API.
 */
final class Decoders {
  static final int MIN_BASE64_RUN = 16;
  static final int MIN_HEX_BYTES = 8;
  static final int MIN_URL_ESCAPES = 2;
  /** Shortest stretch of text taken out of a binary payload ({@code strings}-style). */
  static final int MIN_STRING = 20;
  /** How far back a cut base64 run is followed to find its alignment before trying all four. */
  static final int MAX_LOOK_BACK = 65_536;

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
      switch (this) {
        case BASE64: return base64(s, start, end);
        case HEX: return hex(s, start, end);
        default: return url(s, start, end);
      }
    }

    /**
     * Like {@link #decode}, for a run whose true start lies before {@code start} (a window cut
     * it): base64 is aligned on its true start when that lies within {@value #MAX_LOOK_BACK}
     * characters, and otherwise read at each of its four alignments, hex at both, keeping the
     * longest text.
     */
    String decodeCut(String s, int start, int end) {
      if (this == BASE64) {
        // Where the run really starts tells the alignment; look back a bounded way for it.
        int p = start;
        while (p > 0 && start - p < MAX_LOOK_BACK && isBase64(s.charAt(p - 1))) {
          p--;
        }
        if (p == 0 || !isBase64(s.charAt(p - 1))) {
          return decode(s, start + (4 - (start - p) % 4) % 4, end);
        }
      }
      int shifts = this == BASE64 ? 4 : this == HEX ? 2 : 1;
      String best = null;
      for (int k = 0; k < shifts && start + k < end; k++) {
        String t = decode(s, start + k, end);
        if (t != null && (best == null || t.length() > best.length())) {
          best = t;
        }
      }
      return best;
    }

    /** Whether the run {@code s[start, end)} could decode to text at all (a cheap check). */
    boolean plausible(String s, int start, int end) {
      return this != BASE64 || mixedCase(s, start, end);
    }
  }

  /**
   * Runs of base64 characters with up to two {@code =}; a run whose lines are wrapped (MIME, PEM:
   * a line of at least {@value #MIN_BASE64_RUN} characters, a whole number of 4-character groups,
   * then a line break) goes on over the break, so a phrase is not cut at a wrap.
   */
  static void base64Runs(String s, int from, int to, RunSink sink) {
    int i = from;
    while (i < to) {
      if (!isBase64(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int chars = 0;
      while (true) {
        int line = i;
        while (i < to && isBase64(s.charAt(i))) {
          i++;
        }
        chars += i - line;
        int next = i < to && s.charAt(i) == '\r' ? i + 1 : i;
        boolean wrapped = i - line >= MIN_BASE64_RUN && chars % 4 == 0
            && next < to && s.charAt(next) == '\n' && next + 1 < to && isBase64(s.charAt(next + 1));
        if (!wrapped) {
          break;
        }
        i = next + 1;
      }
      int end = i;
      while (end < to && end - i < 2 && s.charAt(end) == '=') {
        end++;
      }
      if (chars >= MIN_BASE64_RUN && !sink.run(start, end)) {
        return;
      }
      i = end;
    }
  }

  /**
   * Hex bytes as contiguous pairs ({@code 69676e6f7265}), pairs split by one of {@code " :,-"},
   * with {@code \x} or {@code 0x} prefixes, or as Unicode escapes of the Latin-1 range (a
   * backslash, {@code u00}, the pair, as JSON writes them); at least {@value #MIN_HEX_BYTES}
   * bytes, starting and ending at a word boundary.
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
        } else if (unicodeEscape(s, p, to)) {
          p += 4;
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
      // A region that ends inside a pair (a window cut the run) bounds it too.
      boolean bounded = end >= to || !isAlnum(s.charAt(end))
          || end == to - 1 && hexValue(s.charAt(end)) >= 0;
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
    StringBuilder run = new StringBuilder(end - start + 3);
    for (int i = start; i < end && s.charAt(i) != '='; i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      standard |= c == '+' || c == '/';
      urlSafe |= c == '-' || c == '_';
      run.append(c);
    }
    // Encoded text mixes cases; a run in one case is a word, an identifier or hex.
    if (!upper || !lower || (standard && urlSafe)) {
      return null;
    }
    if (run.length() % 4 == 1) {
      run.setLength(run.length() - 1);
    }
    while (run.length() % 4 != 0) {
      run.append('=');
    }
    try {
      byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run.toString());
      return text(bytes, bytes.length);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean mixedCase(String s, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end && !(upper && lower); i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return upper && lower;
  }

  static String hex(String s, int start, int end) {
    byte[] bytes = new byte[(end - start) / 2];
    int count = 0;
    int high = -1;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\\' && unicodeEscape(s, i, end)) {
        i += 3;
        continue;
      }
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
    return text(bytes, count);
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
    // URL-encoded text is mostly its own plain characters, already read in the primary view:
    // only a run that is text as a whole is worth a view.
    return wholeText(bytes, count);
  }

  /**
   * The readable text in {@code bytes[0, length)}: all of it when it is strict UTF-8 (or UTF-16,
   * told by its zero bytes) that {@link #readable reads as text}; otherwise its readable stretches
   * of at least {@value #MIN_STRING} characters, one per line; {@code null} when there is none.
   */
  static String text(byte[] bytes, int length) {
    String whole = wholeText(bytes, length);
    if (whole != null || length < MIN_STRING) {
      return whole;
    }
    Charset utf16 = utf16(bytes, length);
    return utf16 == null ? utf8Strings(bytes, length)
        : strings(decode(bytes, length, utf16, CodingErrorAction.REPLACE));
  }

  /** All of {@code bytes[0, length)} as text when it {@link #readable reads as text}, else {@code null}. */
  static String wholeText(byte[] bytes, int length) {
    if (length < 4) {
      return null;
    }
    Charset utf16 = utf16(bytes, length);
    String whole = decode(bytes, length, utf16 == null ? StandardCharsets.UTF_8 : utf16,
        CodingErrorAction.REPORT);
    return whole != null && readable(whole, 0, whole.length()) ? whole : null;
  }

  /**
   * The readable stretches of UTF-8 text among binary bytes, found on the bytes themselves (a
   * lenient decoder is ten times slower on random bytes): printable ASCII, tabs, line breaks and
   * well-formed multi-byte sequences; random bytes hold a stretch of {@value #MIN_STRING} about
   * once in 10^8 positions.
   */
  private static String utf8Strings(byte[] bytes, int length) {
    StringBuilder out = null;
    int start = 0;
    int chars = 0;
    int i = 0;
    while (i <= length) {
      int step = i < length ? utf8TextAt(bytes, i, length) : 0;
      if (step > 0) {
        i += step;
        chars++;
        continue;
      }
      if (chars >= MIN_STRING) {
        String t = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        if (readable(t, 0, t.length())) {
          if (out == null) {
            out = new StringBuilder();
          } else {
            out.append('\n');
          }
          out.append(t);
        }
      }
      i++;
      start = i;
      chars = 0;
    }
    return out == null ? null : out.toString();
  }

  /** How many bytes the text character at {@code i} takes, or 0 when none starts there. */
  private static int utf8TextAt(byte[] b, int i, int length) {
    int c = b[i] & 0xFF;
    if (c >= 0x20 && c < 0x7F || c == '\n' || c == '\r' || c == '\t') {
      return 1;
    }
    int n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > length) {
      return 0;
    }
    for (int k = 1; k < n; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    // Overlong and surrogate forms are not text; let the strict decoder be the judge.
    return new String(b, i, n, StandardCharsets.UTF_8).indexOf('\uFFFD') >= 0 ? 0 : n;
  }

  /** UTF-16LE or UTF-16BE when at least 40% of the odd or even bytes are zero, else {@code null}. */
  private static Charset utf16(byte[] bytes, int length) {
    int evenZero = 0;
    int oddZero = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == 0) {
        if ((i & 1) == 0) {
          evenZero++;
        } else {
          oddZero++;
        }
      }
    }
    int half = length / 2;
    if (half == 0) {
      return null;
    }
    if (oddZero * 10 >= half * 4 && oddZero > evenZero * 4) {
      return StandardCharsets.UTF_16LE;
    }
    if (evenZero * 10 >= half * 4 && evenZero > oddZero * 4) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static String decode(byte[] bytes, int length, Charset charset, CodingErrorAction onError) {
    try {
      return charset.newDecoder()
          .onMalformedInput(onError)
          .onUnmappableCharacter(onError)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The readable stretches of {@code text} between control and replacement characters. */
  private static String strings(String text) {
    StringBuilder out = null;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && !breaksText(text.charAt(i))) {
        continue;
      }
      if (i - start >= MIN_STRING && readable(text, start, i)) {
        if (out == null) {
          out = new StringBuilder();
        } else {
          out.append('\n');
        }
        out.append(text, start, i);
      }
      start = i + 1;
    }
    return out == null ? null : out.toString();
  }

  private static boolean breaksText(char c) {
    return c < ' ' && c != '\n' && c != '\r' && c != '\t' || c == 0x7F || c == 0xFFFD;
  }

  /**
   * Whether {@code text[start, end)} reads as text: free of control characters and at least 60%
   * letters, digits and spaces.
   */
  static boolean readable(String text, int start, int end) {
    int good = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (breaksText(c)) {
        return false;
      }
      if (Character.isLetterOrDigit(c) || c == ' ') {
        good++;
      }
    }
    return end - start >= 4 && good * 10 >= (end - start) * 6;
  }

  private static boolean startsHexByte(String s, int i, int to) {
    char c = s.charAt(i);
    return hexValue(c) >= 0 || (c == '\\' && i + 1 < to && s.charAt(i + 1) == 'x')
        || unicodeEscape(s, i, to);
  }

  /** A Unicode escape of the Latin-1 range (a backslash, {@code u00}, a hex pair) at {@code i}. */
  private static boolean unicodeEscape(String s, int i, int to) {
    return i + 5 < to && s.charAt(i) == '\\' && s.charAt(i + 1) == 'u' && s.charAt(i + 2) == '0'
        && s.charAt(i + 3) == '0' && isHexPair(s, i + 4, to);
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
