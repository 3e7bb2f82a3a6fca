package com.lockllm.engine.normalize;

import java.util.Arrays;

/** Appends characters together with the original span each one came from. Not API. */
final class MappedBuilder {
  private char[] chars;
  private int[] starts;
  private int[] ends;
  private int length;

  MappedBuilder(int capacity) {
    int c = Math.max(16, capacity);
    chars = new char[c];
    starts = new int[c];
    ends = new int[c];
  }

  void append(char c, int start, int end) {
    if (length == chars.length) {
      int c2 = length * 2;
      chars = Arrays.copyOf(chars, c2);
      starts = Arrays.copyOf(starts, c2);
      ends = Arrays.copyOf(ends, c2);
    }
    chars[length] = c;
    starts[length] = start;
    ends[length] = end;
    length++;
  }

  int length() {
    return length;
  }

  char charAt(int i) {
    return chars[i];
  }

  /** The characters so far, in {@code [0, length())} of the returned buffer (not a copy). */
  char[] buffer() {
    return chars;
  }

  /** Appends the character at {@code i} of {@code other} with its span. */
  void copy(MappedBuilder other, int i) {
    append(other.chars[i], other.starts[i], other.ends[i]);
  }

  /** Appends {@code other[from, to)} with their spans. */
  void copy(MappedBuilder other, int from, int to) {
    for (int i = from; i < to; i++) {
      append(other.chars[i], other.starts[i], other.ends[i]);
    }
  }

  String text() {
    return new String(chars, 0, length);
  }

  void setChar(int i, char c) {
    chars[i] = c;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  void extendLast(int end) {
    ends[length - 1] = end;
  }

  NormalizedText.View toView(NormalizedText.Kind kind) {
    return new NormalizedText.View(
        kind,
        new String(chars, 0, length),
        Arrays.copyOf(starts, length),
        Arrays.copyOf(ends, length));
  }

  /** A view of this text whose every position maps to the one span {@code [start, end)}. */
  NormalizedText.View toView(NormalizedText.Kind kind, int start, int end) {
    return new NormalizedText.View(kind, new String(chars, 0, length), start, end);
  }
}
