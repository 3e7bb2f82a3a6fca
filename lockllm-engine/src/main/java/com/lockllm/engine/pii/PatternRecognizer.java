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

  PatternRecognizer(String type, Pattern pattern, Check check) {
    this.type = type;
    this.pattern = pattern;
    this.check = check;
  }

  @Override
  public void find(String text, List<PiiEntity> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (check.test(text, m)) {
        out.add(new PiiEntity(type, m.start(), m.end()));
      }
    }
  }
}
