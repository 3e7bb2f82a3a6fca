package com.lockllm.engine.lexical;

import java.util.Arrays;

/**
 * A sparse feature vector filled by {@link LexicalFeatures#extract}: distinct bucket indices in
 * ascending order with their weights. Mutable and reused between calls (one per thread at
 * inference), so extraction allocates only when a longer text than ever before needs more room.
 */
public final class FeatureVector {
  private int[] indices = new int[1024];
  private float[] values = new float[1024];
  private int size;
  private int raw;

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

  void clear() {
    size = 0;
    raw = 0;
  }

  /** Records one occurrence of a hashed n-gram; {@link #finish} turns occurrences into weights. */
  void addOccurrence(int bucket) {
    if (raw == indices.length) {
      indices = Arrays.copyOf(indices, raw * 2);
    }
    indices[raw++] = bucket;
  }

  /**
   * Counts equal buckets (sort, then one pass), weighs each by sublinear term frequency
   * {@code 1 + ln(count)} and scales the vector to unit L2 norm, so long and short texts score on
   * the same footing.
   */
  void finish() {
    Arrays.sort(indices, 0, raw);
    if (values.length < indices.length) {
      values = new float[indices.length];
    }
    int out = 0;
    double norm = 0;
    for (int i = 0; i < raw; ) {
      int j = i + 1;
      while (j < raw && indices[j] == indices[i]) {
        j++;
      }
      float w = (float) (1 + Math.log(j - i));
      indices[out] = indices[i];
      values[out++] = w;
      norm += (double) w * w;
      i = j;
    }
    size = out;
    raw = out;
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < out; i++) {
        values[i] *= inv;
      }
    }
  }
}
