package com.lockllm.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An answer that repeats a long enough stretch of the system prompt: at least {@code minLength}
 * characters (default {@value #DEFAULT_MIN_LENGTH}) found verbatim in one of the prompts. The
 * comparison ignores how the model spaced and capitalised it: white-space runs (line breaks
 * included) read as one space, every char is compared upper- then lower-cased, and invisible
 * characters (zero-width, format, variation selectors) are skipped; {@code minLength} counts the
 * characters of that reading. Positions stay those of the answer as written.
 *
 * <p>A finding starts at a visible character where a {@code minLength} window of the prompt
 * begins, and grows over every overlapping window that is also in a prompt, so the whole stretch,
 * not only its first window, is redacted; it ends on a visible character and becomes {@value
 * #REPLACEMENT}. It spans at most {@link #maxSpan()} characters of the answer, {@code 4 ×
 * minLength}: a longer leak becomes several findings, between which fewer than {@code minLength}
 * characters of the prompt (too few to be a leak by this rule) may remain; a window spread over
 * more than {@code maxSpan} characters (runs of blanks) is not a finding.
 *
 * <p>The prompts' windows are indexed once by a rolling hash (Rabin-Karp modulo 2^61 - 1, a
 * random base per instance) and each hit is compared char by char, so a check costs one pass over
 * the answer plus {@code minLength} per matching window, and the index at most 50 bytes per
 * prompt character. Whether a window matches depends only on the text from its first character,
 * so the check reads no text before a position ({@link #lookBehind()} is 0); {@link #undecided}
 * holds back the last {@code minLength} characters of the reading, and a finding that could still
 * grow. {@link #toString()} shows none of the prompts.
 */
public final class SystemPromptLeakCheck implements OutputCheck {
  public static final String TYPE = "SYSTEM_PROMPT_LEAK";
  public static final String REPLACEMENT = "[REDACTED_SYSTEM_PROMPT]";
  public static final int DEFAULT_MIN_LENGTH = 60;
  /** The smallest {@code minLength} accepted: shorter stretches are everyday phrases. */
  public static final int MIN_MIN_LENGTH = 8;

  private static final long MOD = (1L << 61) - 1;

  private final int minLength;
  private final int maxSpan;
  private final long base = ThreadLocalRandom.current().nextLong(1L << 20, MOD - 1);
  /** base^(minLength - 1) */
  private final long lead;
  /** the prompts' readings, one after the other */
  private final char[] corpus;
  /** open addressing: hash of a window, and where it starts in {@link #corpus} plus one (0: empty slot) */
  private final long[] keys;
  private final int[] offsets;

  /** With windows of {@value #DEFAULT_MIN_LENGTH} characters. */
  public SystemPromptLeakCheck(List<String> systemPrompts) {
    this(systemPrompts, DEFAULT_MIN_LENGTH);
  }

  /**
   * @param systemPrompts the system prompt texts of the request (system and developer messages)
   * @param minLength the fewest characters of a prompt an answer must repeat to be a finding
   * @throws IllegalArgumentException if {@code minLength} is below {@value #MIN_MIN_LENGTH}
   */
  public SystemPromptLeakCheck(List<String> systemPrompts, int minLength) {
    if (minLength < MIN_MIN_LENGTH) {
      throw new IllegalArgumentException("minLength must be at least " + MIN_MIN_LENGTH + ", got " + minLength);
    }
    this.minLength = minLength;
    this.maxSpan = Math.multiplyExact(4, minLength);
    long power = 1;
    for (int i = 1; i < minLength; i++) {
      power = mulMod(power, base);
    }
    this.lead = power;
    StringBuilder all = new StringBuilder();
    List<int[]> ranges = new ArrayList<>();
    for (String prompt : List.copyOf(systemPrompts)) {
      Reading reading = Reading.of(prompt, 0);
      if (reading.length >= minLength) {
        ranges.add(new int[] {all.length(), reading.length});
        all.append(reading.chars, 0, reading.length);
      }
    }
    this.corpus = all.toString().toCharArray();
    int windows = 0;
    for (int[] range : ranges) {
      windows += range[1] - minLength + 1;
    }
    int capacity = Integer.highestOneBit(Math.max(1, 2 * windows - 1)) << 1;
    this.keys = new long[capacity];
    this.offsets = new int[capacity];
    for (int[] range : ranges) {
      long[] hashes = hashes(corpus, range[0], range[1]);
      for (int w = 0; w < hashes.length; w++) {
        insert(hashes[w], range[0] + w);
      }
    }
  }

  @Override
  public List<OutputFinding> find(CharSequence text) {
    return walk(text, 0).findings;
  }

  @Override
  public List<OutputFinding> find(CharSequence text, int from) {
    return walk(text, from).findings;
  }

  @Override
  public int maxSpan() {
    return maxSpan;
  }

  @Override
  public int undecided(CharSequence text, int from) {
    return walk(text, from).undecided;
  }

  @Override
  public String toString() {
    return "SystemPromptLeakCheck(minLength=" + minLength + ")";
  }

  private record Walk(List<OutputFinding> findings, int undecided) {}

  /** The findings from {@code from} on, and the first position whose outcome more text could change. */
  private Walk walk(CharSequence text, int from) {
    List<OutputFinding> findings = new ArrayList<>();
    Reading r = Reading.of(text, from);
    // windows [w, w + minLength) for w < complete have all their characters
    int complete = Math.max(0, r.length - minLength + 1);
    long[] hashes = hashes(r.chars, 0, r.length);
    int a = 0;
    while (a < r.length) {
      if (r.chars[a] == ' ') {
        a++;
        continue;
      }
      if (a >= complete) {
        return new Walk(findings, r.starts[a]);
      }
      if (spanTo(r, a, a + minLength) > maxSpan || !known(hashes[a], r.chars, a)) {
        a++;
        continue;
      }
      int end = a + minLength;
      for (int b = a + 1; b < end; b++) {
        if (b >= complete) {
          // the window at b lacks characters: the finding may still grow
          findings.add(finding(r, a, end));
          return new Walk(findings, r.starts[a]);
        }
        if (known(hashes[b], r.chars, b)) {
          if (spanTo(r, a, b + minLength) > maxSpan) {
            break;
          }
          end = b + minLength;
        }
      }
      findings.add(finding(r, a, end));
      a = end;
    }
    return new Walk(findings, r.limit);
  }

  private static OutputFinding finding(Reading r, int a, int end) {
    return new OutputFinding(TYPE, r.starts[a], visibleEnd(r, end), REPLACEMENT);
  }

  /** How many characters of the answer the reading's [a, end) spans, from a visible character to one. */
  private static int spanTo(Reading r, int a, int end) {
    return visibleEnd(r, end) - r.starts[a];
  }

  /** The end in the answer of the last character of [.., end) that is not a blank run. */
  private static int visibleEnd(Reading r, int end) {
    return r.ends[r.chars[end - 1] == ' ' ? end - 2 : end - 1];
  }

  /** Whether the window of {@code chars} at {@code at}, hashed to {@code hash}, is a window of a prompt. */
  private boolean known(long hash, char[] chars, int at) {
    int mask = keys.length - 1;
    for (int slot = slot(hash); offsets[slot] != 0; slot = (slot + 1) & mask) {
      if (keys[slot] == hash && Arrays.equals(corpus, offsets[slot] - 1, offsets[slot] - 1 + minLength, chars, at, at + minLength)) {
        return true;
      }
    }
    return false;
  }

  private void insert(long hash, int offset) {
    int mask = keys.length - 1;
    int slot = slot(hash);
    for (; offsets[slot] != 0; slot = (slot + 1) & mask) {
      if (keys[slot] == hash && Arrays.equals(corpus, offsets[slot] - 1, offsets[slot] - 1 + minLength, corpus, offset, offset + minLength)) {
        return;
      }
    }
    keys[slot] = hash;
    offsets[slot] = offset + 1;
  }

  private int slot(long hash) {
    return (int) (hash ^ (hash >>> 29)) & (keys.length - 1);
  }

  /** The hash of every complete window of {@code chars[from, from + length)}. */
  private long[] hashes(char[] chars, int from, int length) {
    if (length < minLength) {
      return new long[0];
    }
    long[] out = new long[length - minLength + 1];
    long h = 0;
    for (int i = 0; i < minLength; i++) {
      h = (mulMod(h, base) + chars[from + i] + 1) % MOD;
    }
    out[0] = h;
    for (int w = 1; w < out.length; w++) {
      long dropped = mulMod(chars[from + w - 1] + 1, lead);
      h = (mulMod((h - dropped + MOD) % MOD, base) + chars[from + w + minLength - 1] + 1) % MOD;
      out[w] = h;
    }
    return out;
  }

  /** {@code a * b mod 2^61 - 1} for {@code a, b < 2^61 - 1}. */
  private static long mulMod(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    long r = (low & MOD) + ((low >>> 61) | (high << 3));
    r = (r & MOD) + (r >>> 61);
    return r >= MOD ? r - MOD : r;
  }

  /**
   * Text as compared: invisible characters dropped, each white-space run one space, each char upper-
   * then lower-cased; for each char of the reading, where it starts and ends in the text. A high
   * surrogate that ends the text is left out (what follows may make it an invisible tag character).
   */
  private static final class Reading {
    final char[] chars;
    final int[] starts;
    final int[] ends;
    final int length;
    /** where the text read ends: its length, or before a high surrogate that ends it */
    final int limit;

    private Reading(char[] chars, int[] starts, int[] ends, int length, int limit) {
      this.chars = chars;
      this.starts = starts;
      this.ends = ends;
      this.length = length;
      this.limit = limit;
    }

    static Reading of(CharSequence text, int from) {
      Objects.checkFromToIndex(from, text.length(), text.length());
      int n = text.length();
      if (n > from && Character.isHighSurrogate(text.charAt(n - 1))) {
        n--;
      }
      char[] chars = new char[n - from];
      int[] starts = new int[n - from];
      int[] ends = new int[n - from];
      int length = 0;
      for (int i = from; i < n; ) {
        int invisible = Invisibles.at(text, i);
        if (invisible > 0) {
          i += invisible;
          continue;
        }
        char c = text.charAt(i);
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
          if (length > 0 && chars[length - 1] == ' ') {
            ends[length - 1] = i + 1;
            i++;
            continue;
          }
          c = ' ';
        } else if (!Character.isSurrogate(c)) {
          c = Character.toLowerCase(Character.toUpperCase(c));
        }
        chars[length] = c;
        starts[length] = i;
        ends[length] = i + 1;
        length++;
        i++;
      }
      return new Reading(chars, starts, ends, length, n);
    }
  }
}
