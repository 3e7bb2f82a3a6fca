package com.lockllm.engine.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A precompiled pattern plus a check of each match against the text around it. Not API. */
final class PatternRecognizer implements Recognizer {
  /** Decides whether a match of the pattern in {@code text} is an entity. */
  @FunctionalInterface
  interface Check {
    boolean test(String text, Matcher match);
  }

  private final String type;
  private final Pattern pattern;
  private final Check check;
  private final String group;

  PatternRecognizer(String type, Pattern pattern, Check check) {
    this(type, pattern, null, check);
  }

  /** Reports the named {@code group} of each accepted match (the value after a context word). */
  PatternRecognizer(String type, Pattern pattern, String group, Check check) {
    this.type = type;
    this.pattern = pattern;
    this.group = group;
    this.check = check;
  }

  @Override
  public void find(String text, List<PiiEntity> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (check.test(text, m)) {
        int start = group == null ? m.start() : m.start(group);
        int end = group == null ? m.end() : m.end(group);
        if (start >= 0 && end > start) {
          out.add(new PiiEntity(type, start, end));
        }
      }
    }
  }
}
