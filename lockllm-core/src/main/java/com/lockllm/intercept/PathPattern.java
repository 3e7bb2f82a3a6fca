package com.lockllm.intercept;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, compiled once: {@code *} matches within one path segment,
 * {@code **} across segments, anything else literally ({@code /v1/**}, {@code /api/* /chat}).
 *
 * <p>Patterns match the {@link #canonical} form of a path, case-insensitively. Servers and routers
 * disagree on {@code //}, {@code %2F}, trailing slashes, {@code ;jsessionid=} and case (Spring's
 * trailing-slash match, a case-insensitive router, a proxy that decodes once more), so a path any
 * of them could route to a protected handler must be protected: matching errs towards scanning.
 */
final class PathPattern {
  private final String source;
  private final Pattern regex;

  private PathPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  static PathPattern compile(String pattern) {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("path patterns must start with '/', got '" + pattern + "'");
    }
    // A trailing "/**" also matches the bare prefix: "/v1/**" protects "/v1" itself.
    // canonical paths have no trailing slash, so neither may a pattern
    while (pattern.length() > 1 && pattern.endsWith("/")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    boolean anyTail = pattern.endsWith("/**");
    String body = anyTail ? pattern.substring(0, pattern.length() - 3) : pattern;
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < body.length() && body.charAt(i + 2) == '/';
        // "/**/x" also matches "/x".
        re.append(slashAfter ? "(?:.*/)?" : ".*");
        i += slashAfter ? 3 : 2;
        continue;
      }
      re.append(c == '*' ? "[^/]*" : Pattern.quote(String.valueOf(c)));
      i++;
    }
    if (anyTail) {
      re.append("(?:/.*)?");
    }
    return new PathPattern(pattern, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  /** Whether {@code canonicalPath}, one of the {@link #forms}, matches. */
  boolean matches(String canonicalPath) {
    return regex.matcher(canonicalPath).matches();
  }

  /**
   * The forms a router could read {@code path} as, for matching: {@link #canonical} with the
   * percent-encoding decoded (a router that treats {@code %2F} as a slash) and without (one that
   * keeps {@code a%2Fb} as one segment, which a {@code *} must still match). One form when both agree.
   */
  static List<String> forms(String path) {
    String decoded = canonical(path);
    String literal = canonical(path, false);
    return decoded.equals(literal) ? List.of(decoded) : List.of(decoded, literal);
  }

  /**
   * The path as the most lenient router could read it: percent-decoded until stable (so
   * {@code %2F} and a double-encoded {@code %252F} are slashes), backslashes as slashes, each
   * segment cut at its first {@code ;} (matrix parameters, {@code ;jsessionid=}), empty and
   * {@code .} segments dropped, {@code ..} resolved, and no trailing slash. Always starts with
   * {@code /}.
   */
  static String canonical(String path) {
    return canonical(path, true);
  }

  private static String canonical(String path, boolean decode) {
    String decoded = path;
    for (int i = 0; decode && i < 4; i++) {
      String next = percentDecode(decoded);
      if (next.equals(decoded)) {
        break;
      }
      decoded = next;
    }
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : decoded.replace('\\', '/').split("/")) {
      int semicolon = segment.indexOf(';');
      String name = semicolon < 0 ? segment : segment.substring(0, semicolon);
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(name);
      }
    }
    return "/" + String.join("/", segments);
  }

  /** {@code %XX} sequences decoded as UTF-8 (malformed bytes become U+FFFD); anything else kept. */
  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (lo >= 0) {
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        int cp = s.codePointAt(i);
        bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return source;
  }
}
