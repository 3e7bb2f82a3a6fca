package com.lockllm.engine.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A precompiled pattern tried where its {@link Anchor} allows, plus a check of each match against
 * the text around it; reports the whole match or its named {@code group} (the value after a
 * context word). Not API.
 */
record PatternRecognizer(String type, Anchor starts, Pattern pattern, String group, Check check)
    implements Recognizer {
  /** Decides whether a match of the pattern in {@code text} is an entity. */
  @FunctionalInterface
  interface Check {
    boolean test(String text, Matcher match);
  }

  PatternRecognizer(String type, Anchor starts, Pattern pattern, Check check) {
    this(type, starts, pattern, null, check);
  }

  @Override
  public void find(SearchText text, List<PiiEntity> out) {
    String s = text.value();
    Matcher m = Anchor.matcher(pattern, s);
    Anchor.Cursor cursor = starts.cursor(text);
    int from = 0;
    while (cursor.find(m, from)) {
      from = Math.max(m.end(), m.start() + 1);
      if (check.test(s, m)) {
        int start = group == null ? m.start() : m.start(group);
        int end = group == null ? m.end() : m.end(group);
        if (start >= 0 && end > start) {
          out.add(new PiiEntity(type, start, end));
        }
      }
    }
  }
}
