package com.lockllm.output;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown images and links, reference-style link definitions and HTML {@code <img>} tags whose URL
 * can carry data out of the conversation: an absolute {@code http(s)} URL to a host outside the
 * allowlist with a query string, user info, or a path or fragment segment of at least 32 characters
 * of base64- or hex-like data. An image is fetched by the client as soon as it renders, so a model
 * steered by an injection can leak what it read in the URL without anyone clicking. Images, tags and
 * definitions are removed; a link keeps its text without the URL. Relative URLs and plain links
 * (no query, no data segment) are not findings. A shape that carries nothing is searched inside
 * too (a link around an image); matches are read left to right, the earliest first (at one
 * position, the longest), so a stream decides a position as soon as no shape can begin or end
 * there ({@link #undecided}).
 */
public final class ExfiltrationCheck implements OutputCheck {
  /** The longest URL considered, in characters; a longer one is not matched at all. */
  private static final int URL_MAX = 4096;
  private static final int TEXT_MAX = 1000;
  private static final int DATA_SEGMENT_MIN = 32;
  private static final String DESTINATION = "\\(\\s{0,16}(?:<(?<aurl>[^<>\\n]{1," + URL_MAX + "})>|(?<url>[^\\s()<>]{1," + URL_MAX
      + "}))(?:\\s{1,16}(?:\"[^\"\\n]{0,500}\"|'[^'\\n]{0,500}'))?\\s{0,16}\\)";
  private static final Pattern INLINE = Pattern.compile(
      "(?<image>!?)\\[(?<text>[^\\[\\]\\n]{0," + TEXT_MAX + "})\\]" + DESTINATION);
  private static final Pattern DEFINITION = Pattern.compile(
      "(?m)^ {0,3}\\[[^\\[\\]\\n]{1," + TEXT_MAX + "}\\]:[ \\t]{0,16}(?:<(?<aurl>[^<>\\n]{1," + URL_MAX + "})>|(?<url>[^\\s<>]{1," + URL_MAX
          + "}))(?=\\s|$)");
  private static final Pattern IMG = Pattern.compile(
      "(?i)<img\\b[^<>]{0,2000}?\\ssrc\\s{0,16}=\\s{0,16}(?:\"(?<dq>[^\"<>]{1," + URL_MAX + "})\"|'(?<sq>[^'<>]{1," + URL_MAX
          + "})'|(?<url>[^\\s\"'<>]{1," + URL_MAX + "}))[^<>]{0,2000}>");
  private static final Pattern ABSOLUTE = Pattern.compile("(?i)^(?:https?:)?//(?<authority>[^/?#]*)(?<rest>.*)$", Pattern.DOTALL);
  private static final Pattern DATA_RUN = Pattern.compile("[A-Za-z0-9+=_%-]{" + DATA_SEGMENT_MIN + ",}");
  /** Words and numbers joined by hyphens or underscores ({@code 2024-05-01-release-notes-v2}): a long segment that is text, not data. */
  private static final Pattern SLUG = Pattern.compile("(?:[A-Za-z]+[0-9]{0,4}|[0-9]+)(?:[-_](?:[A-Za-z]+[0-9]{0,4}|[0-9]+))*");
  /**
   * The longest shape is an {@code <img>} tag: {@code <img}, attributes, {@code src=} with its spaces,
   * a quoted URL, attributes, {@code >}.
   */
  private static final int MAX_SPAN = 4 + 2000 + 1 + 3 + 16 + 1 + 16 + URL_MAX + 2 + 2000 + 1;

  private final List<String> allowedHosts;
  private final AnchoredRules rules;

  /** Every host is outside. */
  public ExfiltrationCheck() {
    this(List.of());
  }

  /**
   * @param allowedHosts hosts whose URLs are never findings: {@code example.com} exactly, or
   *     {@code *.example.com} for its subdomains (not {@code example.com} itself); case-insensitive
   */
  public ExfiltrationCheck(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    this.rules = new AnchoredRules(List.of(
        rule(INLINE, List.of("aurl", "url"), m -> m.group("image").isEmpty() ? "EXFILTRATION_LINK" : "EXFILTRATION_IMAGE",
            m -> m.group("image").isEmpty() ? m.group("text") : ""),
        rule(DEFINITION, List.of("aurl", "url"), m -> "EXFILTRATION_LINK", m -> ""),
        rule(IMG, List.of("dq", "sq", "url"), m -> "EXFILTRATION_IMAGE", m -> "")));
  }

  @Override
  public List<OutputFinding> find(CharSequence text) {
    return rules.find(text, 0);
  }

  @Override
  public List<OutputFinding> find(CharSequence text, int from) {
    return rules.find(text, from);
  }

  @Override
  public int maxSpan() {
    return MAX_SPAN;
  }

  /** One character: a reference definition starts a line, so the character before it is a line break. */
  @Override
  public int lookBehind() {
    return 1;
  }

  /**
   * Where a shape anchored at a position reads to the end of the text: an image, link, tag or
   * definition not yet closed, or its first characters ({@code !}, {@code <im}, a line's first
   * spaces) at the end. Prose is decided as it arrives.
   */
  @Override
  public int undecided(CharSequence text, int from) {
    return rules.undecided(text, from);
  }

  private AnchoredRules.Rule rule(Pattern pattern, List<String> urlGroups, Function<Matcher, String> type,
      Function<Matcher, String> replacement) {
    return new AnchoredRules.Rule(pattern, m -> carriesData(url(m, urlGroups)), type, replacement);
  }

  private static String url(Matcher m, List<String> groups) {
    for (String group : groups) {
      if (m.group(group) != null) {
        return m.group(group);
      }
    }
    throw new IllegalStateException("no URL group matched in " + m.pattern());
  }

  private boolean carriesData(String url) {
    // browsers read a backslash in an http URL as a slash, so a model cannot hide the host behind one
    Matcher m = ABSOLUTE.matcher(url.strip().replace('\\', '/'));
    if (!m.matches()) {
      return false;
    }
    String authority = m.group("authority");
    int at = authority.lastIndexOf('@');
    String host = hostOf(authority.substring(at + 1));
    if (host.isEmpty() || allowed(host)) {
      return false;
    }
    if (at >= 0) {
      return true;
    }
    String rest = m.group("rest");
    int query = rest.indexOf('?');
    int fragment = rest.indexOf('#');
    if (query >= 0 && (fragment < 0 || query < fragment) && query + 1 < (fragment < 0 ? rest.length() : fragment)) {
      return true;
    }
    Matcher run = DATA_RUN.matcher(rest);
    while (run.find()) {
      if (!SLUG.matcher(run.group()).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String hostOf(String hostAndPort) {
    String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
        : hostAndPort.replaceFirst(":[^:]*$", "");
    host = host.toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private boolean allowed(String host) {
    for (String allowed : allowedHosts) {
      if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }
}
