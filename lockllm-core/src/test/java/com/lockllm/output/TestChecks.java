package com.lockllm.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-only {@link OutputCheck}s: a fixed word and a regular expression with a known longest match. */
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
}
