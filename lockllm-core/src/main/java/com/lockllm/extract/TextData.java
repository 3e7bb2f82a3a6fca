package com.lockllm.extract;

import com.lockllm.scan.SourceEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Decoding of the text a model reads out of file data: {@code data:} URIs, bare base64, and the
 * media types and file names that say whether data is text, media (image, audio, video: not text,
 * not scanned) or a binary document (read by the model, unreadable for the engine). Not API.
 */
final class TextData {
  /** What a media type says about its data. */
  enum Kind { TEXT, MEDIA, BINARY }

  /** Decoded text and how it was encoded, or why it could not be decoded ({@code text == null}). */
  record Decoded(String text, SourceEncoding encoding, Kind kind) {}

  private static final Set<String> TEXT_APPLICATION_TYPES = Set.of(
      "application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "application/xml",
      "application/javascript", "application/x-javascript", "application/ecmascript", "application/yaml",
      "application/x-yaml", "application/toml", "application/sql", "application/csv", "application/x-sh",
      "application/x-python", "application/x-python-code", "application/markdown", "application/x-tex",
      "application/rtf", "application/x-httpd-php", "application/graphql", "application/x-latex");
  private static final Set<String> TEXT_EXTENSIONS = Set.of(
      "txt", "text", "md", "markdown", "csv", "tsv", "json", "jsonl", "ndjson", "xml", "html", "htm", "yaml", "yml",
      "toml", "ini", "cfg", "conf", "log", "rst", "tex", "py", "js", "mjs", "ts", "tsx", "jsx", "java", "kt", "c",
      "h", "cc", "cpp", "hpp", "cs", "go", "rs", "rb", "php", "sh", "bash", "sql", "css", "scss", "swift", "r",
      "pl", "lua", "scala", "vtt", "srt", "rtf", "eml", "properties");
  private static final Set<String> MEDIA_EXTENSIONS = Set.of(
      "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "heif", "avif", "ico", "mp3", "wav",
      "ogg", "oga", "flac", "aac", "m4a", "opus", "weba", "aiff", "mp4", "m4v", "mov", "webm", "mkv", "avi",
      "mpeg", "mpg", "3gp", "wmv", "flv");

  private TextData() {}

  /** What {@code mediaType} (parameters allowed, any case) holds; {@code null} means unknown. */
  static Kind kindOf(String mediaType) {
    if (mediaType == null) {
      return null;
    }
    String type = essence(mediaType);
    if (type.isEmpty()) {
      return null;
    }
    if (type.startsWith("text/") || TEXT_APPLICATION_TYPES.contains(type) || type.endsWith("+json")
        || type.endsWith("+xml") || type.endsWith("+yaml")) {
      return Kind.TEXT;
    }
    if (type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")) {
      return Kind.MEDIA;
    }
    return Kind.BINARY;
  }

  /** What a file named {@code filename} holds by its extension; {@code null} when it does not say. */
  static Kind kindOfFilename(String filename) {
    if (filename == null) {
      return null;
    }
    int dot = filename.lastIndexOf('.');
    if (dot < 0 || dot == filename.length() - 1) {
      return null;
    }
    String ext = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (TEXT_EXTENSIONS.contains(ext)) {
      return Kind.TEXT;
    }
    return MEDIA_EXTENSIONS.contains(ext) ? Kind.MEDIA : Kind.BINARY;
  }

  /**
   * Whether {@code value} is a {@code data:} URI: it starts with {@code data:} in any case, after
   * any whitespace (which a lenient URL parser upstream would trim).
   */
  static boolean isDataUri(String value) {
    return isDataUri(value.toCharArray(), 0, value.length());
  }

  /** {@link #isDataUri(String)} for {@code chars[off, off+len)}, without allocating. */
  static boolean isDataUri(char[] chars, int off, int len) {
    int i = 0;
    while (i < len && chars[off + i] <= ' ') {
      i++;
    }
    if (len - i < 5) {
      return false;
    }
    String data = "data:";
    for (int k = 0; k < 5; k++) {
      if (Keys.fold(chars[off + i + k]) != data.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A {@code data:} URI ({@code data:[<media type>][;param]*[;base64],<data>}, RFC 2397): its text
   * when its media type is text (an empty one means {@code text/plain}); {@code text == null} with
   * the kind otherwise, and with {@link Kind#BINARY} when it is malformed or not UTF-8 text.
   */
  static Decoded dataUri(String value) {
    String uri = value.trim();
    int comma = uri.indexOf(',');
    if (comma < 0) {
      return new Decoded(null, null, Kind.BINARY);
    }
    String header = uri.substring(5, comma);
    String[] params = header.split(";", -1);
    boolean base64 = params.length > 1 && params[params.length - 1].trim().equalsIgnoreCase("base64");
    String type = params[0].trim();
    Kind kind = type.isEmpty() ? Kind.TEXT : kindOf(type);
    if (kind != Kind.TEXT) {
      return new Decoded(null, null, kind);
    }
    for (int i = 1; i < params.length; i++) {
      String[] kv = params[i].split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
        String charset = kv[1].trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")
            && !charset.equalsIgnoreCase("us-ascii")) {
          return new Decoded(null, null, Kind.BINARY);
        }
      }
    }
    String payload = uri.substring(comma + 1);
    String prefix = uri.substring(0, comma + 1);
    if (base64) {
      return base64(payload, prefix);
    }
    byte[] bytes = percentDecode(payload);
    String text = bytes == null ? null : utf8(bytes);
    return text == null ? new Decoded(null, null, Kind.BINARY)
        : new Decoded(text, new SourceEncoding(prefix, SourceEncoding.Kind.PERCENT), Kind.TEXT);
  }

  /**
   * Bare base64 (or base64url) of UTF-8 text, with {@code prefix} before it in the string; line
   * breaks and spaces are allowed, anything else outside the alphabet is not. {@code text == null}
   * when it does not decode to UTF-8 text.
   */
  static Decoded base64(String payload, String prefix) {
    String compact = payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0 || payload.indexOf(' ') >= 0
        || payload.indexOf('\t') >= 0 ? payload.replaceAll("[\\r\\n\\t ]", "") : payload;
    byte[] bytes;
    SourceEncoding.Kind kind;
    try {
      bytes = Base64.getDecoder().decode(compact);
      kind = SourceEncoding.Kind.BASE64;
    } catch (IllegalArgumentException e) {
      try {
        bytes = Base64.getUrlDecoder().decode(compact);
        kind = SourceEncoding.Kind.BASE64_URL;
      } catch (IllegalArgumentException e2) {
        return new Decoded(null, null, Kind.BINARY);
      }
    }
    String text = utf8(bytes);
    return text == null ? new Decoded(null, null, Kind.BINARY)
        : new Decoded(text, new SourceEncoding(prefix, kind), Kind.TEXT);
  }

  private static byte[] percentDecode(String s) {
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out[n++] = (byte) ((hi << 4) | lo);
        i += 2;
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** {@code bytes} as strict UTF-8, or {@code null}. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String essence(String mediaType) {
    int semi = mediaType.indexOf(';');
    return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
