package com.lockllm.engine.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An immutable list of {@link Rule}s read from the line format of {@code rules.txt}:
 *
 * <pre>
 * # comment
 * define NAME fragment            a named regex fragment, used as {NAME} in later lines
 *                                 ({@code \p{L}} and the like stay Unicode classes)
 * rule ID CATEGORY WEIGHT pattern a rule; lines that start with white space continue the pattern
 * &amp; word|other words            the rule above runs only on text containing one of these
 * + example                       a text that must set off the rule above
 * - example                       a text that must not
 * </pre>
 *
 * Patterns apply to normalized text, so they are written in lower case without diacritics.
 */
public final class RuleSet {
  private static final String DEFAULT_RESOURCE = "rules.txt";
  private static final Pattern REFERENCE = Pattern.compile("(?<!\\\\[pP])\\{([A-Z_][A-Z0-9_]*)}");

  private final List<Rule> rules;
  private final List<String> categories;

  private RuleSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    Set<String> cats = new LinkedHashSet<>();
    rules.forEach(r -> cats.add(r.category()));
    cats.add(SignatureDetector.OBFUSCATION);
    this.categories = List.copyOf(cats);
  }

  /** The rules that ship with the engine, parsed once. */
  public static RuleSet defaults() {
    return Defaults.INSTANCE;
  }

  /** A rule set of the given rules. */
  public static RuleSet of(List<Rule> rules) {
    return new RuleSet(rules);
  }

  /** Parses rules in the format above. */
  public static RuleSet parse(InputStream in) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return new Parser().parse(r);
    }
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The categories of the rules, in first-use order, plus {@code obfuscation}. */
  public List<String> categories() {
    return categories;
  }

  private static final class Defaults {
    static final RuleSet INSTANCE = load();

    private static RuleSet load() {
      try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
        }
        return parse(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class Parser {
    private final Map<String, String> defines = new HashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private String[] head;
    private StringBuilder body;
    private int headLine;
    private List<String> required;
    private List<String> examples = new ArrayList<>();
    private List<String> counterExamples = new ArrayList<>();

    RuleSet parse(BufferedReader reader) throws IOException {
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (Character.isWhitespace(line.charAt(0))) {
          if (body == null || required != null || !examples.isEmpty() || !counterExamples.isEmpty()) {
            throw error(n, "continuation line outside a definition");
          }
          body.append(line.strip());
        } else if (line.startsWith("& ")) {
          if (head == null || !head[0].equals("rule") || required != null) {
            throw error(n, "required words outside a rule or given twice");
          }
          required = List.of(line.substring(2).strip().split("\\|"));
        } else if (line.startsWith("+ ") || line.startsWith("- ")) {
          if (head == null || !head[0].equals("rule")) {
            throw error(n, "example outside a rule");
          }
          (line.charAt(0) == '+' ? examples : counterExamples).add(line.substring(2).strip());
        } else {
          flush();
          String[] parts = line.strip().split("\\s+", 5);
          boolean define = parts[0].equals("define") && parts.length >= 3;
          boolean rule = parts[0].equals("rule") && parts.length == 5;
          if (!define && !rule) {
            throw error(n, "expected 'define NAME fragment' or 'rule ID CATEGORY WEIGHT pattern'");
          }
          head = parts;
          headLine = n;
          body = new StringBuilder(define ? line.strip().split("\\s+", 3)[2] : parts[4]);
        }
      }
      flush();
      return new RuleSet(rules);
    }

    private void flush() {
      if (head == null) {
        return;
      }
      String expanded = expand(body.toString());
      if (head[0].equals("define")) {
        defines.put(head[1], expanded);
      } else {
        Pattern pattern;
        try {
          pattern = Pattern.compile(expanded);
        } catch (PatternSyntaxException e) {
          throw error(headLine, "rule " + head[1] + ": " + e.getDescription());
        }
        double weight;
        try {
          weight = Double.parseDouble(head[3]);
        } catch (NumberFormatException e) {
          throw error(headLine, "rule " + head[1] + ": weight is not a number: " + head[3]);
        }
        if (rules.stream().anyMatch(r -> r.id().equals(head[1]))) {
          throw error(headLine, "duplicate rule id " + head[1]);
        }
        try {
          rules.add(new Rule(head[1], head[2], weight, pattern, Literals.leading(expanded),
              required, examples, counterExamples));
        } catch (IllegalArgumentException e) {
          throw error(headLine, e.getMessage());
        }
      }
      head = null;
      body = null;
      required = null;
      examples = new ArrayList<>();
      counterExamples = new ArrayList<>();
    }

    private String expand(String fragment) {
      Matcher m = REFERENCE.matcher(fragment);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = defines.get(m.group(1));
        if (value == null) {
          throw error(headLine, "undefined fragment {" + m.group(1) + "}");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static IllegalArgumentException error(int line, String message) {
      return new IllegalArgumentException("rules line " + line + ": " + message);
    }
  }
}
