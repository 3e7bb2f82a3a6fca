package com.lockllm.engine.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether text hides reversed writing and builds its reversed reading. The reading is
 * built when the original holds a right-to-left override (U+202E, which displays the stored
 * letters backwards), when the text asks for it ("reverse", "backwards", "right to left") and at
 * least one common word shows reversed, or when at least {@value #MIN_HITS} common words show
 * reversed and more of them than read forwards. Markers are common words (English, and some of
 * the other languages the rules read) whose reversal is no common word ({@code the}, {@code you},
 * {@code ignore}, {@code und}; not {@code was} / {@code saw}). Not API.
 */
final class Reversal {
  static final int MIN_HITS = 3;
  private static final char RIGHT_TO_LEFT_OVERRIDE = '\u202E';
  private static final int MIN_WORD = 3;
  private static final int MAX_WORD = 12;
  private static final String[] HINTS = {"revers", "backward", "right to left", "right-to-left"};
  private static final List<String> MARKERS = List.of(
      "the", "you", "your", "all", "this", "that", "with", "for", "from", "have", "what", "will",
      "should", "please", "ignore", "previous", "instructions", "prompt", "system", "tell", "give",
      "write", "answer", "follow", "must", "always", "never", "every", "which", "about", "their",
      "there", "would", "could", "because", "these", "those", "been", "into", "only", "other",
      "them", "they", "when", "where", "more", "just", "make", "know", "how", "can", "any", "like",
      "also", "then", "than", "who", "password", "secret", "rules", "respond", "output", "print",
      // German, French, Spanish, Portuguese and Italian words, for injections in those languages
      "und", "ist", "nicht", "ich", "sind", "auf", "eine", "vergiss", "ignoriere", "anweisungen",
      "vous", "pour", "dans", "tout", "toutes", "por", "para", "una", "todas", "ignora",
      "instrucciones", "questo", "tutte");
  /** The markers reversed, then as they are: an index below their count is a reversed one. */
  private static final WordTable TABLE = new WordTable(markersBothWays());

  private Reversal() {}

  /** Whether {@code original[from, to)}, with primary view {@code primary}, hides reversed text. */
  static boolean likely(String original, int from, int to, MappedBuilder primary) {
    int rlo = original.indexOf(RIGHT_TO_LEFT_OVERRIDE, from);
    if (rlo >= 0 && rlo < to) {
      return true;
    }
    char[] c = primary.buffer();
    int n = primary.length();
    int backward = 0;
    int forward = 0;
    int i = 0;
    while (i < n) {
      if (c[i] < 'a' || c[i] > 'z') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && c[i] >= 'a' && c[i] <= 'z') {
        i++;
      }
      if (i - start >= MIN_WORD && i - start <= MAX_WORD) {
        int index = TABLE.indexOf(c, start, i);
        if (index >= 0 && index < MARKERS.size()) {
          backward++;
        } else if (index >= 0) {
          forward++;
        }
      }
    }
    if (backward == 0) {
      return false;
    }
    if (backward >= MIN_HITS && backward > forward) {
      return true;
    }
    String text = primary.text();
    for (String hint : HINTS) {
      if (text.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text with each line read backwards, lines in their order (so every position maps forwards
   * through the original): each character maps to the span of its whole line.
   */
  static MappedBuilder reverse(MappedBuilder in) {
    char[] c = in.buffer();
    int n = in.length();
    MappedBuilder out = new MappedBuilder(n);
    int lineStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && c[i] != '\n') {
        continue;
      }
      if (i > lineStart) {
        int start = in.start(lineStart);
        int end = in.end(i - 1);
        for (int k = i - 1; k >= lineStart; k--) {
          char ch = c[k];
          // A surrogate pair stays in its order.
          if (Character.isLowSurrogate(ch) && k > lineStart
              && Character.isHighSurrogate(c[k - 1])) {
            out.append(c[k - 1], start, end);
            k--;
          }
          out.append(ch, start, end);
        }
      }
      if (i < n) {
        out.copy(in, i);
      }
      lineStart = i + 1;
    }
    return out;
  }

  private static List<String> markersBothWays() {
    List<String> out = new ArrayList<>(2 * MARKERS.size());
    for (String w : MARKERS) {
      out.add(new StringBuilder(w).reverse().toString());
    }
    out.addAll(MARKERS);
    return out;
  }
}
