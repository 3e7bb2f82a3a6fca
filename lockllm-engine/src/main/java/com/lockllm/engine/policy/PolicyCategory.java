package com.lockllm.engine.policy;

import com.lockllm.engine.normalize.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One category of a {@link Policy}: what the prompt must not contain, given three ways.
 *
 * <ul>
 *   <li><b>phrases</b>: matched case-insensitively, on whole words, in every view of the engine's
 *       normalized text (so look-alike letters, invisible characters, leetspeak, rot13, base64 and
 *       the other encodings the {@link Normalizer} decodes do not hide them);
 *   <li><b>patterns</b>: Java regular expressions, compiled once (case-insensitive), matched on the
 *       original text and on every normalized view, with a bounded amount of work per match;
 *   <li><b>examples</b>: prompts that violate the category; a prompt (or one of its sentences) whose
 *       hashed lexical features are at least {@link PolicySet#DEFAULT_SIMILARITY} cosine-similar to
 *       an example matches.
 * </ul>
 *
 * Immutable; build with {@link #builder}.
 */
public final class PolicyCategory {
  /** Longest pattern accepted, in characters. */
  public static final int MAX_PATTERN_CHARS = 1000;

  // A quantified group that itself contains a quantifier, such as (a+)+ or (\w*)*: the shape of
  // catastrophic backtracking. Rejected outright; other patterns still run under a work budget.
  private static final Pattern NESTED_QUANTIFIER =
      Pattern.compile("\\((?:[^()\\\\]|\\\\.)*[+*}](?:[^()\\\\]|\\\\.)*\\)\\s*[+*{]");

  private final String name;
  private final String description;
  private final List<String> phrases;
  private final List<String> normalizedPhrases;
  private final List<Pattern> patterns;
  private final List<String> examples;

  private PolicyCategory(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.phrases = List.copyOf(b.phrases);
    Normalizer normalizer = Normalizer.create();
    List<String> normalized = new ArrayList<>();
    for (String p : phrases) {
      String n = normalizer.normalize(p).primary().text().strip();
      if (!n.isEmpty()) {
        normalized.add(n);
      }
    }
    this.normalizedPhrases = List.copyOf(normalized);
    this.patterns = List.copyOf(b.patterns);
    this.examples = List.copyOf(b.examples);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The description, or {@code null}. */
  public String description() {
    return description;
  }

  public List<String> phrases() {
    return phrases;
  }

  /** The phrases as the normalizer renders them (lower case, folded, spaces collapsed). */
  List<String> normalizedPhrases() {
    return normalizedPhrases;
  }

  public List<Pattern> patterns() {
    return patterns;
  }

  public List<String> examples() {
    return examples;
  }

  @Override
  public String toString() {
    return name;
  }

  static String requireName(String name, String what) {
    Objects.requireNonNull(name, what + " name");
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank");
    }
    return name.strip();
  }

  /** Compiles a pattern as a category would, or throws {@link IllegalArgumentException}. */
  static Pattern compile(String regex) {
    Objects.requireNonNull(regex, "pattern");
    if (regex.isEmpty() || regex.length() > MAX_PATTERN_CHARS) {
      throw new IllegalArgumentException(
          "pattern must be 1 to " + MAX_PATTERN_CHARS + " characters long");
    }
    if (NESTED_QUANTIFIER.matcher(regex).find()) {
      throw new IllegalArgumentException(
          "pattern has a quantified group containing a quantifier (catastrophic backtracking): "
              + regex);
    }
    try {
      return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid pattern: " + e.getMessage(), e);
    }
  }

  /** Builds a {@link PolicyCategory}; it needs at least one phrase, pattern or example. */
  public static final class Builder {
    private final String name;
    private String description;
    private final List<String> phrases = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();

    Builder(String name) {
      this.name = requireName(name, "category");
    }

    public Builder description(String description) {
      this.description = description == null || description.isBlank() ? null : description.strip();
      return this;
    }

    public Builder phrases(String... phrases) {
      for (String p : phrases) {
        if (p != null && !p.isBlank()) {
          this.phrases.add(p.strip());
        }
      }
      return this;
    }

    /** Regular expressions; each is checked and compiled here, once. */
    public Builder patterns(String... regexes) {
      for (String r : regexes) {
        patterns.add(compile(r));
      }
      return this;
    }

    public Builder examples(String... examples) {
      for (String e : examples) {
        if (e != null && !e.isBlank()) {
          this.examples.add(e.strip());
        }
      }
      return this;
    }

    public PolicyCategory build() {
      if (phrases.isEmpty() && patterns.isEmpty() && examples.isEmpty()) {
        throw new IllegalArgumentException(
            "category '" + name + "' needs at least one phrase, pattern or example");
      }
      return new PolicyCategory(this);
    }
  }
}
