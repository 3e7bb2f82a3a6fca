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
 * hashes with seed {@value #CHAR_SEED}, its length telling 3-, 4- and 5-grams apart. The bucket is the hash's low {@value #HASH_BITS} bits.
 * Changing any of this invalidates the trained weights; {@link LexicalModel} checks the header.
 */
public final class LexicalFeatures {
  public static final int HASH_BITS = 18;
  public static final int BUCKETS = 1 << HASH_BITS;
  public static final int CHAR_MIN = 3;
  /** Fixed at 5: {@link #extract} hashes the three lengths together. */
  public static final int CHAR_MAX = 5;
  public static final int WORD_MAX = 2;
  static final int WORD_SEED = 0x1e7a1;
  static final int BIGRAM_SEED = 0x2b16a;
  static final int CHAR_SEED = 0x3c4a0;
  private static final int MASK = BUCKETS - 1;

  private LexicalFeatures() {}

  /** Fills {@code out} with the features of {@code text} (normalized text: lower case, collapsed spaces). */
  public static void extract(String text, FeatureVector out) {
    int n = text.length();
    char[] c = out.chars(n);
    text.getChars(0, n, c, 0);
    // At most two word features per character plus one character n-gram per length and position.
    out.clear(2 * n + (CHAR_MAX - CHAR_MIN + 1) * n + 1);
    int previousWord = 0;
    boolean hasPrevious = false;
    int i = 0;
    while (i < n) {
      if (!Character.isLetterOrDigit(c[i])) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(c[i])) {
        i++;
      }
      int word = murmur3(c, start, i, WORD_SEED);
      out.addOccurrence(word & MASK);
      if (hasPrevious) {
        out.addOccurrence(fmix(31 * previousWord + word ^ BIGRAM_SEED) & MASK);
      }
      previousWord = word;
      hasPrevious = true;
    }
    // The three n-grams starting at one position share MurmurHash3 blocks: c0c1 for all, c2c3 for
    // the 4- and 5-gram; the length folded in by the finalizer keeps them apart.
    for (int s = 0; s + CHAR_MIN <= n; s++) {
      int h = Integer.rotateLeft(CHAR_SEED ^ mixK(c[s] | (c[s + 1] << 16)), 13)
          * 5 + 0xe6546b64;
      char c2 = c[s + 2];
      out.addOccurrence(fmix(h ^ mixK(c2) ^ 6) & MASK);
      if (s + 4 <= n) {
        int h2 = Integer.rotateLeft(h ^ mixK(c2 | (c[s + 3] << 16)), 13) * 5 + 0xe6546b64;
        out.addOccurrence(fmix(h2 ^ 8) & MASK);
        if (s + 5 <= n) {
          out.addOccurrence(fmix(h2 ^ mixK(c[s + 4]) ^ 10) & MASK);
        }
      }
    }
    out.finish();
  }

  /**
   * MurmurHash3_x86_32 of the UTF-16 code units {@code [from, to)}, two per 32-bit block, low
   * half first; the same value as Guava's {@code murmur3_32_fixed(seed).hashUnencodedChars}.
   */
  static int murmur3(char[] s, int from, int to, int seed) {
    int h = seed;
    int i = from + 1;
    for (; i < to; i += 2) {
      h ^= mixK(s[i - 1] | (s[i] << 16));
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    if (i == to) {
      h ^= mixK(s[to - 1]);
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
