package com.lockllm.engine.pii;

/**
 * The text the recognizers search, with its ASCII lower-case copy made once for every keyword
 * {@link Anchor}: the same length, only {@code A-Z} folded, as {@code (?i)} folds. Not API.
 */
record SearchText(String value, String lowerAscii) {
  static SearchText of(String text) {
    char[] c = text.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] += 'a' - 'A';
      }
    }
    return new SearchText(text, new String(c));
  }
}
