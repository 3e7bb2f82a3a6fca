package com.lockllm.engine.normalize;

import java.util.List;

/**
 * An immutable hash set of short strings that looks up a range of a char array without allocating:
 * the normalizer asks it about every word of a text. The words live in one char pool and each
 * slot keeps its word's full hash next to its index, so a word that is absent is mostly told
 * apart without touching the pool. Not API.
 */
final class WordTable {
  private final char[] pool;
  private final int[] offsets;
  /** Pairs of (hash, index + 1); index 0 marks an empty slot. */
  private final int[] slots;

  /** A table of {@code words}; a repeated word keeps its first index. */
  WordTable(List<String> words) {
    int chars = 0;
    for (String w : words) {
      chars += w.length();
    }
    this.pool = new char[chars];
    this.offsets = new int[words.size() + 1];
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      w.getChars(0, w.length(), pool, offsets[i]);
      offsets[i + 1] = offsets[i] + w.length();
    }
    int capacity = Integer.highestOneBit(Math.max(8, words.size()) * 2) << 1;
    this.slots = new int[2 * capacity];
    int mask = capacity - 1;
    for (int i = 0; i < words.size(); i++) {
      int from = offsets[i];
      int to = offsets[i + 1];
      if (indexOf(pool, from, to) >= 0) {
        continue;
      }
      int h = hash(pool, from, to);
      int slot = h & mask;
      while (slots[2 * slot + 1] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[2 * slot] = h;
      slots[2 * slot + 1] = i + 1;
    }
  }

  /** The index of {@code s[from, to)} in the list the table was made from, or -1. */
  int indexOf(char[] s, int from, int to) {
    int h = hash(s, from, to);
    int mask = slots.length / 2 - 1;
    int slot = h & mask;
    while (true) {
      int index = slots[2 * slot + 1] - 1;
      if (index < 0) {
        return -1;
      }
      if (slots[2 * slot] == h && matches(index, s, from, to)) {
        return index;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean matches(int index, char[] s, int from, int to) {
    int start = offsets[index];
    if (offsets[index + 1] - start != to - from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (pool[start++] != s[i]) {
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
