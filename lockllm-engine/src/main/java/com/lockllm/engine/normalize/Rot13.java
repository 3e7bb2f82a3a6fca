package com.lockllm.engine.normalize;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Decides whether normalized text hides rot13 and decodes it. Rot13 is tried when the text says so
 * ("rot13", "caesar"), whatever the language of the hidden text, or when at least three of its
 * words turn into common English words under rot13, which plain English almost never does. Not
 * API.
 */
final class Rot13 {
  private static final int MIN_HITS = 3;
  private static final int MIN_WORD = 3;
  private static final int MAX_WORD = 12;
  /** Rot13 spellings of common English words, sorted by {@link String#hashCode()}. */
  private static final String[] MARKERS_ENCODED;
  private static final int[] MARKER_HASHES;

  static {
    String[] words = {
      "the", "and", "you", "your", "all", "are", "this", "that", "with", "for", "from", "now",
      "what", "have", "not", "any", "say", "tell", "give", "print", "output", "reveal", "ignore",
      "previous", "prior", "above", "instructions", "instruction", "rules", "prompt", "system",
      "forget", "disregard", "secret", "password", "everything", "must", "will", "should",
      "please", "write", "answer", "follow", "following", "respond", "repeat"
    };
    MARKERS_ENCODED = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      MARKERS_ENCODED[i] = rotate(words[i]);
    }
    Arrays.sort(MARKERS_ENCODED, Comparator.comparingInt(String::hashCode));
    MARKER_HASHES = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      MARKER_HASHES[i] = MARKERS_ENCODED[i].hashCode();
    }
  }

  private Rot13() {}

  /** The rot13 reading of {@code text}, or {@code null} when the text shows no sign of rot13. */
  static String decodeIfLikely(String text) {
    boolean hinted = text.contains("rot13") || text.contains("rot-13") || text.contains("rot 13")
        || text.contains("caesar");
    int hits = 0;
    int n = text.length();
    int i = 0;
    while (i < n && hits < MIN_HITS) {
      char c = text.charAt(i);
      if (c < 'a' || c > 'z') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
        i++;
      }
      if (i - start >= MIN_WORD && i - start <= MAX_WORD && isMarker(text, start, i)) {
        hits++;
      }
    }
    return hits >= MIN_HITS || hinted ? rotate(text) : null;
  }

  /** Whether {@code text[start, end)} is one of the encoded markers; allocates nothing. */
  private static boolean isMarker(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    int at = Arrays.binarySearch(MARKER_HASHES, h);
    if (at < 0) {
      return false;
    }
    while (at > 0 && MARKER_HASHES[at - 1] == h) {
      at--;
    }
    for (; at < MARKER_HASHES.length && MARKER_HASHES[at] == h; at++) {
      String m = MARKERS_ENCODED[at];
      if (m.length() == end - start && text.regionMatches(start, m, 0, m.length())) {
        return true;
      }
    }
    return false;
  }

  static String rotate(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (c >= 'a' && c <= 'z') {
        out[i] = (char) ('a' + (c - 'a' + 13) % 26);
      }
    }
    return new String(out);
  }
}
