package com.lockllm.engine.normalize;

import java.util.List;

/**
 * An immutable hash set of short strings that looks up a range of a char array without allocating:
 * the normalizer asks it about every word of a text. Not API.
 */
final class WordTable {
  private final String[] words;
  private final int[] slots;

  /** A table of {@code words}; a repeated word keeps its first index. */
  WordTable(List<String> words) {
    this.words = words.toArray(String[]::new);
    this.slots = new int[Integer.highestOneBit(Math.max(8, words.size()) * 2) << 1];
    int mask = slots.length - 1;
    for (int i = 0; i < this.words.length; i++) {
      char[] c = this.words[i].toCharArray();
      if (indexOf(c, 0, c.length) >= 0) {
        continue;
      }
      int slot = hash(c, 0, c.length) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    }
  }

  /** The index of {@code s[from, to)} in the list the table was made from, or -1. */
  int indexOf(char[] s, int from, int to) {
    int mask = slots.length - 1;
    int slot = hash(s, from, to) & mask;
    while (slots[slot] != 0) {
      String w = words[slots[slot] - 1];
      if (matches(w, s, from, to)) {
        return slots[slot] - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static boolean matches(String w, char[] s, int from, int to) {
    if (w.length() != to - from) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (w.charAt(i) != s[from + i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(char[] s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s[i];
    }
    h *= 0x9e3779b1;
    return h ^ (h >>> 16);
  }
}
