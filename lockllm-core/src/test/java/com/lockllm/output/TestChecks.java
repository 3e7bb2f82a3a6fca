package com.lockllm.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only {@link OutputCheck}s: a fixed word and a regular expression with a known longest match,
 * checks that read the text before their matches, and checks that decide positions early.
 */
public final class TestChecks {
  private TestChecks() {}

  /**
   * Matches that overlap one another and themselves: SK is a prefix of KEY (the longer wins), BAK
   * and LINK can match the same text (the earlier check wins), PAIR overlaps itself, and NUMBER,
   * among the longest, looks one character past its match.
   */
  public static final List<OutputCheck> OVERLAPPING = List.of(
      word("PAIR", "abab"),
      word("SK", "sk"),
      word("KEY", "sk-1"),
      regex("NUMBER", "\\d-\\d{1,2}(?!\\d)", 4),
      regex("LINK", "b[a-]?k", 3),
      word("BAK", "bak"));
  /** The types of {@link #OVERLAPPING}, in order. */
  public static final List<String> OVERLAPPING_TYPES = List.of("PAIR", "SK", "KEY", "NUMBER", "LINK", "BAK");

  /**
   * Checks over the same alphabet with context and with their own {@link OutputCheck#undecided}:
   * LONE ({@code k1} not after a letter) and AFTER ({@code 1}s after {@code "s "}) have lookbehinds,
   * BARE has a leading and a trailing {@code \b}; SIGNED (a number not after a digit or a dash,
   * its end decided by the next character) and ASK (a word) decide each position as soon as the
   * text says, SIGNED with a lookbehind too.
   */
  public static final List<OutputCheck> CONTEXTUAL = List.of(
      contextual("LONE", "(?<![a-z])k[12]", 2, 1),
      contextual("AFTER", "(?<=s )1{1,3}", 3, 2),
      contextual("BARE", "\\bab\\b", 2, 1),
      eager("SIGNED", "(?<![-\\d])-?\\d{1,3}(?!\\d)", 4, 1),
      eagerWord("ASK", "a sk"));
  /** The types of {@link #CONTEXTUAL}, in order. */
  public static final List<String> CONTEXTUAL_TYPES = List.of("LONE", "AFTER", "BARE", "SIGNED", "ASK");

  /** {@link #OVERLAPPING} and {@link #CONTEXTUAL}. */
  public static final List<OutputCheck> ALL = concat(OVERLAPPING, CONTEXTUAL);
  /** The types of {@link #ALL}, in order. */
  public static final List<String> ALL_TYPES = concat(OVERLAPPING_TYPES, CONTEXTUAL_TYPES);

  /** Every occurrence of {@code word}, left to right, not overlapping; becomes {@code [type]}. */
  public static OutputCheck word(String type, String word) {
    return new OutputCheck() {
      @Override
      public List<OutputFinding> find(CharSequence text) {
        List<OutputFinding> found = new ArrayList<>();
        String s = text.toString();
        for (int at = s.indexOf(word); at >= 0; at = s.indexOf(word, at + word.length())) {
          found.add(new OutputFinding(type, at, at + word.length(), "[" + type + "]"));
        }
        return found;
      }

      @Override
      public int maxSpan() {
        return word.length();
      }

      @Override
      public String toString() {
        return "word " + word;
      }
    };
  }

  /** The matches of {@code regex} under {@link Matcher#find()}; becomes {@code [type]}. */
  public static OutputCheck regex(String type, String regex, int maxSpan) {
    Pattern pattern = Pattern.compile(regex);
    return new OutputCheck() {
      @Override
      public List<OutputFinding> find(CharSequence text) {
        List<OutputFinding> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
          found.add(new OutputFinding(type, matcher.start(), matcher.end(), "[" + type + "]"));
        }
        return found;
      }

      @Override
      public int maxSpan() {
        return maxSpan;
      }

      @Override
      public String toString() {
        return "regex " + regex;
      }
    };
  }

  /**
   * The matches of {@code regex} under {@link Matcher#find()} from any position, the {@code
   * lookBehind} characters before it read by lookbehinds and {@code \b}; becomes {@code [type]}.
   */
  public static OutputCheck contextual(String type, String regex, int maxSpan, int lookBehind) {
    Pattern pattern = Pattern.compile(regex);
    return new OutputCheck() {
      @Override
      public List<OutputFinding> find(CharSequence text) {
        return find(text, 0);
      }

      @Override
      public List<OutputFinding> find(CharSequence text, int from) {
        List<OutputFinding> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false).region(from, text.length());
        while (matcher.find()) {
          found.add(new OutputFinding(type, matcher.start(), matcher.end(), "[" + type + "]"));
        }
        return found;
      }

      @Override
      public int maxSpan() {
        return maxSpan;
      }

      @Override
      public int lookBehind() {
        return lookBehind;
      }

      @Override
      public String toString() {
        return "contextual " + regex;
      }
    };
  }

  /**
   * {@link #contextual} that decides a position as soon as the regex, anchored there, no longer
   * reads to the end of the text ({@link Matcher#hitEnd()}).
   */
  public static OutputCheck eager(String type, String regex, int maxSpan, int lookBehind) {
    OutputCheck contextual = contextual(type, regex, maxSpan, lookBehind);
    Pattern pattern = Pattern.compile(regex);
    return new Delegate(contextual) {
      @Override
      public int undecided(CharSequence text, int from) {
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int at = from; at < text.length(); ) {
          boolean matched = matcher.region(at, text.length()).lookingAt();
          if (matcher.hitEnd()) {
            return at;
          }
          at = matched ? matcher.end() : at + 1;
        }
        return text.length();
      }
    };
  }

  /** {@link #word} that decides each position once the word's length from it has arrived, or less where the text there already differs. */
  public static OutputCheck eagerWord(String type, String word) {
    return new Delegate(word(type, word)) {
      @Override
      public int undecided(CharSequence text, int from) {
        String s = text.toString();
        for (int at = from; at < s.length(); at++) {
          if (at + word.length() > s.length() && word.startsWith(s.substring(at))) {
            return at;
          }
        }
        return s.length();
      }
    };
  }

  /** A check that does what another does, but for what a subclass overrides. */
  private abstract static class Delegate implements OutputCheck {
    private final OutputCheck check;

    Delegate(OutputCheck check) {
      this.check = check;
    }

    @Override
    public List<OutputFinding> find(CharSequence text) {
      return check.find(text);
    }

    @Override
    public List<OutputFinding> find(CharSequence text, int from) {
      return check.find(text, from);
    }

    @Override
    public int maxSpan() {
      return check.maxSpan();
    }

    @Override
    public int lookBehind() {
      return check.lookBehind();
    }

    @Override
    public String toString() {
      return "eager " + check;
    }
  }

  private static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
