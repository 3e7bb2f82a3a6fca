package com.lockllm.intercept;

import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, compiled once: {@code *} matches within one path segment,
 * {@code **} across segments, anything else literally ({@code /v1/**}, {@code /api/* /chat}).
 * Matching is case-sensitive, as servlet paths are.
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
    return new PathPattern(pattern, Pattern.compile(re.toString()));
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
