package com.lockllm.engine.lexical;

import java.util.Arrays;

/**
 * A sparse feature vector filled by {@link LexicalFeatures#extract}: distinct bucket indices, in
 * the order they first occur, with their weights. Mutable and reused between calls (one per thread
 * at inference), so extraction allocates only when a longer text than ever before needs more room.
 */
public final class FeatureVector {
  // Math.log was half of feature extraction; the table holds the same floats.
  private static final float[] WEIGHTS = new float[64];

  static {
    for (int c = 1; c < WEIGHTS.length; c++) {
      WEIGHTS[c] = (float) (1 + Math.log(c));
    }
  }

  private int[] indices = new int[256];
  private float[] values = new float[256];
  private int size;
  // Open-addressing counts keyed by bucket + 1 (0 = empty); cheaper than sorting to deduplicate.
  private int[] keys = new int[1024];
  private int[] counts = new int[1024];
  private int[] slotOf = new int[256];
  private char[] chars = new char[256];

  /** Number of distinct buckets set. */
  public int size() {
    return size;
  }

  public int index(int i) {
    return indices[i];
  }

  public float value(int i) {
    return values[i];
  }

  /** A scratch copy of the text being extracted, at least {@code n} long. */
  char[] chars(int n) {
    if (chars.length < n) {
      chars = new char[Math.max(n, 2 * chars.length)];
    }
    return chars;
  }

  /** Empties the vector and makes room for up to {@code occurrences} n-grams. */
  void clear(int occurrences) {
    for (int i = 0; i < size; i++) {
      keys[slotOf[i]] = 0;
    }
    size = 0;
    int tableSize = Integer.highestOneBit(Math.max(16, occurrences) * 2 - 1) << 1;
    if (keys.length < tableSize) {
      keys = new int[tableSize];
      counts = new int[tableSize];
    }
    if (indices.length < occurrences) {
      indices = new int[occurrences];
      values = new float[occurrences];
      slotOf = new int[occurrences];
    }
  }

  /** Records one occurrence of a hashed n-gram; {@link #finish} turns counts into weights. */
  void addOccurrence(int bucket) {
    int mask = keys.length - 1;
    int key = bucket + 1;
    int slot = (bucket * 0x9e3779b1) >>> 7 & mask;
    while (keys[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (keys[slot] == 0) {
      keys[slot] = key;
      counts[slot] = 0;
      slotOf[size] = slot;
      indices[size++] = bucket;
    }
    counts[slot]++;
  }

  /**
   * Weighs each bucket by sublinear term frequency {@code 1 + ln(count)} and scales the vector to
   * unit L2 norm, so long and short texts score on the same footing.
   */
  void finish() {
    double norm = 0;
    for (int i = 0; i < size; i++) {
      float w = weight(counts[slotOf[i]]);
      values[i] = w;
      norm += (double) w * w;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < size; i++) {
        values[i] *= inv;
      }
    }
  }

  /** {@code 1 + ln(count)} as a float; most n-grams of a prompt occur once or a few times. */
  private static float weight(int count) {
    return count < WEIGHTS.length ? WEIGHTS[count] : (float) (1 + Math.log(count));
  }

  @Override
  public String toString() {
    return "FeatureVector" + Arrays.toString(Arrays.copyOf(indices, size));
  }
}
