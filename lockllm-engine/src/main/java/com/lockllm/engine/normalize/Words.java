package com.lockllm.engine.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * English words, most frequent first, and the trigger vocabulary of the signature rules: what the
 * respelled view needs to split spaced-out letters into words and to read misspelt trigger words.
 *
 * <p>{@code words.txt.gz} holds the whole-word entries of the BERT uncased WordPiece vocabulary
 * (in its frequency order) followed by words of the benign shared datasets missing from it,
 * built by {@code tools/build_words.py}; {@code triggers.txt} lists the rules' English words and
 * {@code words-other.txt} (hand-written) the rules' words and common short words of the other
 * languages they read. A word of these two lists that the frequency list lacks ({@code chatgpt},
 * {@code vergiss}) counts as a word of middling frequency; only the English triggers are targets
 * of {@link #misspelledTrigger}. Word lookups take a range of a char array and allocate nothing.
 * Loaded once. Not API.
 */
final class Words {
  static final Words KNOWN = new Words(read("words.txt.gz", true), read("triggers.txt", false),
      read("words-other.txt", false));
  /** The rank given to trigger words and words of other languages the frequency list lacks. */
  private static final int MIDDLING_RANK = 5000;
  private static final int MAX_WORD = 24;
  private static final long BASE = 0x100000001b3L;
  private static final int BLOOM_BITS = 1 << 17;
  /**
   * Words this short are read as a trigger only when two neighbouring letters are swapped ("teh",
   * "yuo"): nearly half of all three-letter strings lie one edit from some three-letter word.
   */
  private static final int SHORT_WORD = 3;
  private static final String[] SUFFIXES = {
    "s", "es", "d", "ed", "ing", "r", "er", "rs", "ers", "ly"
  };
  private static final int MIN_STEM = 3;

  private final WordTable table;
  private final int[] ranks;
  private final String[] triggers;
  private final int[] triggerRanks;
  /** Deletion index of the triggers: open addressing from a variant's hash to its entries. */
  private final long[] slotKeys;
  private final int[] slotHeads;
  private final int[] entryTrigger;
  private final int[] entryNext;
  /** Two bits per variant: most strings share no variant with any trigger and stop here. */
  private final long[] bloom;

  private Words(List<String> frequent, List<String> triggerList, List<String> otherLanguages) {
    List<String> all = new ArrayList<>(frequent);
    all.addAll(triggerList);
    all.addAll(otherLanguages);
    this.table = new WordTable(all);
    this.ranks = new int[all.size()];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = i < frequent.size() ? i : MIDDLING_RANK;
    }
    this.triggers = triggerList.toArray(String[]::new);
    this.triggerRanks = new int[triggers.length];
    int variants = 0;
    for (int t = 0; t < triggers.length; t++) {
      char[] c = triggers[t].toCharArray();
      triggerRanks[t] = rank(c, 0, c.length);
      variants += c.length + 1;
    }
    this.slotKeys = new long[Integer.highestOneBit(variants * 2) << 1];
    this.slotHeads = new int[slotKeys.length];
    this.entryTrigger = new int[variants];
    this.entryNext = new int[variants];
    this.bloom = new long[BLOOM_BITS / 64];
    int entries = 0;
    long[] scratch = scratch();
    for (int t = 0; t < triggers.length; t++) {
      char[] c = triggers[t].toCharArray();
      if (c.length > MAX_WORD) {
        continue;
      }
      int n = variants(c, 0, c.length, scratch);
      for (int k = 0; k < n; k++) {
        long key = scratch[k];
        entries = add(key, t, entries);
        bloom[bloomBit(key) >>> 6] |= 1L << bloomBit(key);
        bloom[bloomBit(key >>> 32) >>> 6] |= 1L << bloomBit(key >>> 32);
      }
    }
  }

  private static int bloomBit(long key) {
    return (int) key & (BLOOM_BITS - 1);
  }

  private boolean mayHold(long key) {
    int a = bloomBit(key);
    int b = bloomBit(key >>> 32);
    return (bloom[a >>> 6] & 1L << a) != 0 && (bloom[b >>> 6] & 1L << b) != 0;
  }

  /** Scratch space for {@link #misspelledTrigger}, to reuse across the words of one text. */
  static long[] scratch() {
    return new long[4 * (MAX_WORD + 2)];
  }

  private int add(long key, int trigger, int entries) {
    int mask = slotKeys.length - 1;
    int slot = (int) (key ^ key >>> 32) & mask;
    while (slotKeys[slot] != 0 && slotKeys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    for (int e = slotKeys[slot] == 0 ? -1 : slotHeads[slot]; e >= 0; e = entryNext[e]) {
      if (entryTrigger[e] == trigger) {
        return entries;
      }
    }
    entryTrigger[entries] = trigger;
    entryNext[entries] = slotKeys[slot] == 0 ? -1 : slotHeads[slot];
    slotKeys[slot] = key;
    slotHeads[slot] = entries;
    return entries + 1;
  }

  /** The frequency rank of {@code s[from, to)} (0 = most frequent), or -1 when it is no word. */
  int rank(char[] s, int from, int to) {
    int i = index(s, from, to);
    return i < 0 ? -1 : ranks[i];
  }

  boolean contains(char[] s, int from, int to) {
    return index(s, from, to) >= 0;
  }

  /**
   * The rank of the listed word that {@code s[from, to)} inflects (a plural, past, {@code -ing},
   * {@code -er} or {@code -ly} form: "dumps", "skated", "making", "headers"), or -1. The list
   * holds few inflected forms, and the rules' words near them ("dump", "state") must not claim
   * them as misspellings.
   */
  int stemRank(char[] s, int from, int to) {
    for (String suffix : SUFFIXES) {
      int stemEnd = to - suffix.length();
      if (stemEnd - from < MIN_STEM || !endsWith(s, to, suffix)) {
        continue;
      }
      int i = index(s, from, stemEnd);
      if (i < 0 && (suffix.equals("ing") || suffix.equals("ed"))) {
        // making -> make, skated -> skate ("d" alone covers the second, "ing" needs the e back)
        char[] e = Arrays.copyOfRange(s, from, stemEnd + 1);
        e[e.length - 1] = 'e';
        i = index(e, 0, e.length);
      }
      if (i >= 0) {
        return ranks[i];
      }
    }
    return -1;
  }

  private static boolean endsWith(char[] s, int to, String suffix) {
    int at = to - suffix.length();
    for (int k = 0; k < suffix.length(); k++) {
      if (s[at + k] != suffix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The trigger word that {@code s[from, to)} misspells: one letter replaced, added or dropped, or
   * two neighbours swapped (only the swap for a word of {@value #SHORT_WORD} letters); the most
   * frequent such word, or {@code null}. Candidates come from an
   * index of each trigger with each of its letters deleted (two strings one edit apart share such
   * a variant), so the cost does not grow with the number of triggers.
   */
  String misspelledTrigger(char[] s, int from, int to, long[] scratch) {
    if (to - from > MAX_WORD || to <= from) {
      return null;
    }
    int n = variants(s, from, to, scratch);
    int mask = slotKeys.length - 1;
    int best = -1;
    for (int k = 0; k < n; k++) {
      long key = scratch[k];
      if (!mayHold(key)) {
        continue;
      }
      int slot = (int) (key ^ key >>> 32) & mask;
      while (slotKeys[slot] != 0 && slotKeys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (slotKeys[slot] == 0) {
        continue;
      }
      for (int e = slotHeads[slot]; e >= 0; e = entryNext[e]) {
        int t = entryTrigger[e];
        if ((best < 0 || triggerRanks[t] < triggerRanks[best])
            && oneEditApart(triggers[t], s, from, to)
            && (to - from > SHORT_WORD || swapped(triggers[t], s, from, to))) {
          best = t;
        }
      }
    }
    return best < 0 ? null : triggers[best];
  }

  /**
   * Hashes of {@code s[from, to)} and of every string made by deleting one of its characters,
   * into {@code scratch[0, n + 1)} (the rest of it is working space); returns how many.
   */
  private static int variants(char[] s, int from, int to, long[] scratch) {
    int n = to - from;
    // Polynomial hashes: prefix[k] of s[from, from + k), suffix[k] of s[from + k, to), each
    // weighted so that deleting character k gives prefix[k] * B^(n - 1 - k) + suffix[k + 1].
    int prefix = MAX_WORD + 2;
    int suffix = 2 * (MAX_WORD + 2);
    int power = 3 * (MAX_WORD + 2);
    scratch[prefix] = 0;
    scratch[suffix + n] = 0;
    scratch[power] = 1;
    for (int k = 0; k < n; k++) {
      scratch[prefix + k + 1] = scratch[prefix + k] * BASE + s[from + k];
      scratch[power + k + 1] = scratch[power + k] * BASE;
    }
    for (int k = n - 1; k >= 0; k--) {
      scratch[suffix + k] = scratch[suffix + k + 1] + s[from + k] * scratch[power + n - 1 - k];
    }
    scratch[0] = key(scratch[prefix + n], n);
    for (int k = 0; k < n; k++) {
      long deleted = scratch[prefix + k] * scratch[power + n - 1 - k] + scratch[suffix + k + 1];
      scratch[k + 1] = key(deleted, n - 1);
    }
    return n + 1;
  }

  private static long key(long hash, int length) {
    long h = (hash ^ length * 0x9e3779b97f4a7c15L) * 0xbf58476d1ce4e5b9L;
    h ^= h >>> 31;
    return h == 0 ? 1 : h;
  }

  /** Whether {@code s[from, to)} is {@code t} with two neighbouring letters swapped. */
  private static boolean swapped(String t, char[] s, int from, int to) {
    if (t.length() != to - from) {
      return false;
    }
    int i = 0;
    while (i < t.length() && t.charAt(i) == s[from + i]) {
      i++;
    }
    return i + 1 < t.length() && t.charAt(i) == s[from + i + 1] && t.charAt(i + 1) == s[from + i]
        && tailEquals(t, i + 2, s, from + i + 2, to);
  }

  /** Whether {@code t} and {@code s[from, to)} differ by one edit (or a swap of neighbours). */
  static boolean oneEditApart(String t, char[] s, int from, int to) {
    int n = to - from;
    int m = t.length();
    if (Math.abs(n - m) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(n, m) && t.charAt(i) == s[from + i]) {
      i++;
    }
    if (i == n && i == m) {
      return false;
    }
    if (n == m) {
      if (tailEquals(t, i + 1, s, from + i + 1, to)) {
        return true;
      }
      return i + 1 < n && t.charAt(i) == s[from + i + 1] && t.charAt(i + 1) == s[from + i]
          && tailEquals(t, i + 2, s, from + i + 2, to);
    }
    return n > m ? tailEquals(t, i, s, from + i + 1, to) : tailEquals(t, i + 1, s, from + i, to);
  }

  private static boolean tailEquals(String t, int ti, char[] s, int si, int to) {
    if (t.length() - ti != to - si) {
      return false;
    }
    for (; si < to; si++, ti++) {
      if (t.charAt(ti) != s[si]) {
        return false;
      }
    }
    return true;
  }

  private int index(char[] s, int from, int to) {
    return to - from > MAX_WORD || to <= from ? -1 : table.indexOf(s, from, to);
  }

  private static List<String> read(String name, boolean gzip) {
    try (InputStream raw = Words.class.getResourceAsStream(name)) {
      if (raw == null) {
        throw new IllegalStateException("missing word list resource " + name);
      }
      InputStream in = gzip ? new GZIPInputStream(raw) : raw;
      List<String> out = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          line = line.strip();
          if (!line.isEmpty() && !line.startsWith("#")) {
            out.add(line);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
