package com.lockllm.engine.normalize;

/**
 * Reads leetspeak ({@code 1gn0r3 4ll} as {@code ignore all}) in normalized text. Only tokens that
 * mix letters with look-alike digits or symbols are rewritten, so plain numbers ({@code 2024},
 * {@code $40}) stay as they are. Letter for letter, so the view keeps the primary map. Not API.
 */
final class Leetspeak {
  private Leetspeak() {}

  /** The text with leetspeak tokens folded, or {@code null} when nothing changed. */
  static String fold(String text) {
    char[] folded = null;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isTokenChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean letter = false;
      boolean leet = false;
      while (i < n && isTokenChar(text.charAt(i))) {
        char c = text.charAt(i);
        if (c >= 'a' && c <= 'z') {
          letter = true;
        } else if (letterFor(c) != 0) {
          leet = true;
        }
        i++;
      }
      if (letter && leet) {
        if (folded == null) {
          folded = text.toCharArray();
        }
        for (int k = start; k < i; k++) {
          char l = letterFor(folded[k]);
          if (l != 0) {
            folded[k] = l;
          }
        }
      }
    }
    return folded == null ? null : new String(folded);
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '$';
  }

  /** The letter a look-alike digit or symbol stands for, or 0. */
  static char letterFor(char c) {
    switch (c) {
      case '1': return 'i';
      case '3': return 'e';
      case '4': case '@': return 'a';
      case '0': return 'o';
      case '5': case '$': return 's';
      case '7': return 't';
      default: return 0;
    }
  }
}
