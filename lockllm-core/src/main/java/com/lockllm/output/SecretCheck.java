package com.lockllm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials in answer text: API keys and tokens of the common providers, PEM private keys, JWTs and
 * connection strings with a password. Each match is validated as far as its structure allows (a
 * JWT's header is JSON with {@code alg}, a PEM body is base64 under matching labels, a connection
 * string parses as a URI and its password is not a placeholder); keys that look like placeholders
 * ({@code sk-xxxx…}, runs like {@code 123456}, the word {@code example}, as in AWS's documented
 * {@code AKIAIOSFODNN7EXAMPLE}) and jwt.io's example token are not findings. A match becomes
 * {@code [REDACTED_<TYPE>]}. Matches are read left to right, the earliest first (at one position,
 * the longest), each depending only on the text from its start and the character before it, so a
 * stream decides a position as soon as no key can begin or end there ({@link #undecided}).
 */
public final class SecretCheck implements OutputCheck {
  /** A key starts and ends where a run of key characters does, so one inside a longer identifier is never cut out of it. */
  private static final String START = "(?<![A-Za-z0-9_-])";
  private static final String END = "(?![A-Za-z0-9_-])";
  private static final int PEM_BODY_MAX = 10_000;
  private static final Set<String> PLACEHOLDER_PASSWORDS = Set.of(
      "password", "pass", "passwd", "pwd", "pw", "secret", "yourpassword", "mypassword", "dbpassword", "userpassword");
  /** Credentials published as documentation examples (jwt.io's token): printing one leaks nothing. */
  private static final Set<String> DOCUMENTED_EXAMPLES = Set.of(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
          + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
  private static final Pattern HEADER_LINE = Pattern.compile("(?m)^[^:\\n]*:[^\\n]*$");

  private record Rule(String type, Pattern pattern, int maxSpan, Predicate<Matcher> valid) {}

  private static final List<Rule> RULES = List.of(
      key("ANTHROPIC_API_KEY", "sk-ant-(?:api03|admin01)-(?<body>[A-Za-z0-9_-]{80,120})", 135),
      key("OPENAI_API_KEY", "sk-(?!ant-)(?:proj-|svcacct-|admin-)?(?<body>[A-Za-z0-9_-]{32,200})", 211),
      new Rule("AWS_ACCESS_KEY_ID", Pattern.compile("(?<![A-Za-z0-9/+])(?:AKIA|ASIA)(?<body>[A-Z2-7]{16})(?![A-Za-z0-9/+=])"), 20,
          m -> randomLooking(m.group("body"))),
      key("GITHUB_TOKEN", "gh[pousr]_(?<body>[A-Za-z0-9]{36})", 40),
      key("GITHUB_TOKEN", "github_pat_(?<body>[A-Za-z0-9]{22}_[A-Za-z0-9]{59})", 93),
      key("GOOGLE_API_KEY", "AIza(?<body>[0-9A-Za-z_-]{35})", 39),
      key("SLACK_TOKEN", "xox[abpors]-(?:[0-9]{6,20}-){1,3}(?<body>[0-9A-Za-z]{10,64})", 132),
      key("STRIPE_API_KEY", "[sr]k_(?:live|test)_(?<body>[0-9A-Za-z]{24,99})", 107),
      key("HUGGINGFACE_TOKEN", "hf_(?<body>[A-Za-z0-9]{34})", 37),
      new Rule("PRIVATE_KEY",
          Pattern.compile("-----BEGIN (?<label>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----"
              + "(?<body>[A-Za-z0-9+/=\\s:,-]{16," + PEM_BODY_MAX + "}?)-----END \\k<label>-----"),
          PEM_BODY_MAX + 2 * "-----BEGIN ENCRYPTED PRIVATE KEY-----".length(), SecretCheck::validPem),
      new Rule("JWT",
          Pattern.compile(START + "(?<header>eyJ[A-Za-z0-9_-]{8,1000})\\.(?<payload>[A-Za-z0-9_-]{4,6000})\\.[A-Za-z0-9_-]{16,1000}" + END),
          8005, SecretCheck::validJwt),
      new Rule("CONNECTION_STRING",
          Pattern.compile("(?i)(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver)://"
              + "(?<user>[^\\s:/@?#'\"<>]{0,128}):(?<password>[^\\s/@?#'\"<>]{1,256})@(?<host>[A-Za-z0-9.\\[\\]_-]{1,253}(?::[0-9]{1,5})?"
              + "(?:,[A-Za-z0-9.\\[\\]_-]{1,253}(?::[0-9]{1,5})?){0,8})(?<rest>[/?][^\\s'\"<>`)\\]]{0,1024}(?<![.,;:!]))?"),
          3764, SecretCheck::validConnectionString));

  private static final int MAX_SPAN = RULES.stream().mapToInt(Rule::maxSpan).max().orElseThrow();

  private static final AnchoredRules ANCHORED = new AnchoredRules(RULES.stream()
      .map(rule -> AnchoredRules.Rule.redacted(rule.type(), rule.pattern(),
          m -> rule.valid().test(m) && !DOCUMENTED_EXAMPLES.contains(m.group())))
      .toList());

  @Override
  public List<OutputFinding> find(CharSequence text) {
    return ANCHORED.find(text, 0);
  }

  @Override
  public List<OutputFinding> find(CharSequence text, int from) {
    return ANCHORED.find(text, from);
  }

  @Override
  public int maxSpan() {
    return MAX_SPAN;
  }

  /** One character: the character before a key, which must not be a key character. */
  @Override
  public int lookBehind() {
    return 1;
  }

  /**
   * Where a rule anchored at a position reads to the end of the text: a key, token or PEM block not
   * yet ended, or its first characters ({@code s}, {@code -----BE}, {@code postg}) at the end. Prose
   * is decided as it arrives, but for a word at its end that may begin a key.
   */
  @Override
  public int undecided(CharSequence text, int from) {
    return ANCHORED.undecided(text, from);
  }

  private static Rule key(String type, String regex, int maxSpan) {
    return new Rule(type, Pattern.compile(START + regex + END), maxSpan, m -> randomLooking(m.group("body")));
  }

  /**
   * Whether a key body looks generated rather than typed: enough distinct characters, no run of six
   * equal or ascending characters ({@code xxxxxx}, {@code 123456}, {@code abcdef}) and not the word
   * {@code example}. Documentation placeholders fail it; a random body passes with near certainty.
   */
  private static boolean randomLooking(String body) {
    if (body.toLowerCase(Locale.ROOT).contains("example")) {
      return false;
    }
    if (body.chars().distinct().count() < Math.min(10, body.length() / 2)) {
      return false;
    }
    int equal = 1;
    int ascending = 1;
    for (int i = 1; i < body.length(); i++) {
      char c = body.charAt(i);
      char before = body.charAt(i - 1);
      equal = c == before ? equal + 1 : 1;
      ascending = c == before + 1 ? ascending + 1 : 1;
      if (equal >= 6 || ascending >= 6) {
        return false;
      }
    }
    return true;
  }

  private static boolean validPem(Matcher m) {
    String body = HEADER_LINE.matcher(m.group("body")).replaceAll("").replaceAll("\\s", "");
    if (body.length() < 64) {
      return false;
    }
    try {
      Base64.getDecoder().decode(body);
      return true;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static boolean validJwt(Matcher m) {
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      decoder.decode(m.group("payload"));
      JsonNode header = Json.mapper().readTree(decoder.decode(m.group("header")));
      return header != null && header.isObject() && header.path("alg").isTextual();
    } catch (IllegalArgumentException | IOException notJwt) {
      return false;
    }
  }

  private static boolean validConnectionString(Matcher m) {
    if (placeholder(m.group("password"))) {
      return false;
    }
    try {
      new URI(m.group());
      return true;
    } catch (URISyntaxException notUri) {
      return false;
    }
  }

  /**
   * {@code ***}, {@code xxx}, {@code ${DB_PASSWORD}}, {@code $PASS}, {@code {pwd}}, {@code [password]},
   * {@code password}… ({@code <password>} never matches: the pattern stops at angle brackets).
   */
  private static boolean placeholder(String password) {
    if (password.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X' || c == '.')) {
      return true;
    }
    char first = password.charAt(0);
    if (first == '$' || first == '{' || first == '[' || password.startsWith("%3C") || password.startsWith("%7B")) {
      return true;
    }
    // only separators are dropped: "your_password" is a placeholder, "Password123" a (weak) password
    return PLACEHOLDER_PASSWORDS.contains(password.toLowerCase(Locale.ROOT).replaceAll("[_ -]", ""));
  }
}
