package com.lockllm.engine.lexical;

/**
 * The lexical model's features, fixed so that training and inference agree bit for bit: word
 * unigrams and bigrams and character 3-, 4- and 5-grams of normalized text, hashed into {@value
 * #BUCKETS} buckets with MurmurHash3 (x86, 32 bit) over UTF-16 code units, then weighted by
 * sublinear term frequency and L2-normalized (see {@link FeatureVector}).
 *
 * <p>Words are maximal runs of letters or digits. A word hashes with seed {@value #WORD_SEED}; a
 * bigram is the MurmurHash3 finalizer over {@code 31 * h(first) + h(second)} xor {@value
 * #BIGRAM_SEED}; a character n-gram (spaces and punctuation included, so word boundaries count)
 * hashes with seed {@code CHAR_SEED + n}. The bucket is the hash's low {@value #HASH_BITS} bits.
 * Changing any of this invalidates the trained weights; {@link LexicalModel} checks the header.
 */
public final class LexicalFeatures {
  public static final int HASH_BITS = 18;
  public static final int BUCKETS = 1 << HASH_BITS;
  public static final int CHAR_MIN = 3;
  public static final int CHAR_MAX = 5;
  public static final int WORD_MAX = 2;
  static final int WORD_SEED = 0x1e7a1;
  static final int BIGRAM_SEED = 0x2b16a;
  static final int CHAR_SEED = 0x3c4a0;
  private static final int MASK = BUCKETS - 1;

  private LexicalFeatures() {}

  /** Fills {@code out} with the features of {@code text} (normalized text: lower case, collapsed spaces). */
  public static void extract(CharSequence text, FeatureVector out) {
    out.clear();
    int n = text.length();
    int previousWord = 0;
    boolean hasPrevious = false;
    int i = 0;
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int word = murmur3(text, start, i, WORD_SEED);
      out.addOccurrence(word & MASK);
      if (hasPrevious) {
        out.addOccurrence(fmix(31 * previousWord + word ^ BIGRAM_SEED) & MASK);
      }
      previousWord = word;
      hasPrevious = true;
    }
    for (int len = CHAR_MIN; len <= CHAR_MAX; len++) {
      for (int s = 0; s + len <= n; s++) {
        out.addOccurrence(murmur3(text, s, s + len, CHAR_SEED + len) & MASK);
      }
    }
    out.finish();
  }

  /**
   * MurmurHash3_x86_32 of the UTF-16 code units {@code [from, to)}, two per 32-bit block, low
   * half first; the same value as Guava's {@code murmur3_32_fixed(seed).hashUnencodedChars}.
   */
  static int murmur3(CharSequence s, int from, int to, int seed) {
    int h = seed;
    int i = from + 1;
    for (; i < to; i += 2) {
      h ^= mixK(s.charAt(i - 1) | (s.charAt(i) << 16));
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    if (i == to) {
      h ^= mixK(s.charAt(to - 1));
    }
    return fmix(h ^ (2 * (to - from)));
  }

  private static int mixK(int k) {
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    return k * 0x1b873593;
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
