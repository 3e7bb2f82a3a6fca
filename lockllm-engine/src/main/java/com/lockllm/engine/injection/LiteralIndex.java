package com.lockllm.engine.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one pass over a text, every position where a rule's leading literal occurs, so rules
 * run anchored at those positions only instead of searching the whole text each. Literals are
 * bucketed by their first two characters and then by their third: per text position one table
 * lookup, and a comparison only with the few literals that share three characters. Not API.
 */
final class LiteralIndex {
  private static final int ASCII = 128;

  private final Bucket[] asciiBuckets = new Bucket[ASCII * ASCII];
  private final Map<Integer, Bucket> otherBuckets = new HashMap<>();
  private final int[] unindexed;

  private record Entry(char[] literal, int rule) {}

  /** The literals sharing two first characters, split by their third. */
  private static final class Bucket {
    Entry[] twoChars = new Entry[0];
    final Entry[][] byAsciiThird = new Entry[ASCII][];
    final Map<Character, Entry[]> byOtherThird = new HashMap<>();

    void add(Entry e) {
      if (e.literal.length == 2) {
        twoChars = append(twoChars, e);
      } else if (e.literal[2] < ASCII) {
        byAsciiThird[e.literal[2]] = append(byAsciiThird[e.literal[2]], e);
      } else {
        byOtherThird.merge(e.literal[2], new Entry[] {e}, (a, b) -> append(a, b[0]));
      }
    }

    Entry[] third(char c) {
      return c < ASCII ? byAsciiThird[c] : byOtherThird.isEmpty() ? null : byOtherThird.get(c);
    }

    private static Entry[] append(Entry[] entries, Entry e) {
      Entry[] out = entries == null ? new Entry[1] : Arrays.copyOf(entries, entries.length + 1);
      out[out.length - 1] = e;
      return out;
    }
  }

  LiteralIndex(List<Rule> rules) {
    List<Integer> none = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      List<String> literals = rules.get(r).literals();
      if (literals == null) {
        none.add(r);
        continue;
      }
      for (String literal : literals) {
        char c0 = literal.charAt(0);
        char c1 = literal.charAt(1);
        Bucket bucket;
        if (c0 < ASCII && c1 < ASCII) {
          bucket = asciiBuckets[c0 * ASCII + c1];
          if (bucket == null) {
            bucket = asciiBuckets[c0 * ASCII + c1] = new Bucket();
          }
        } else {
          bucket = otherBuckets.computeIfAbsent(c0 << 16 | c1, k -> new Bucket());
        }
        bucket.add(new Entry(literal.toCharArray(), r));
      }
    }
    this.unindexed = none.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Rules without a leading literal: they must search every text. */
  int[] unindexed() {
    return unindexed;
  }

  /** Adds to {@code out}, in ascending order per rule, each position where a rule's literal starts. */
  void scan(String text, Candidates out) {
    char[] t = text.toCharArray();
    int n = t.length;
    for (int i = 0; i + 1 < n; i++) {
      char c0 = t[i];
      char c1 = t[i + 1];
      Bucket bucket = c0 < ASCII && c1 < ASCII
          ? asciiBuckets[c0 * ASCII + c1]
          : otherBuckets.isEmpty() ? null : otherBuckets.get(c0 << 16 | c1);
      if (bucket == null) {
        continue;
      }
      for (Entry e : bucket.twoChars) {
        out.add(e.rule, i);
      }
      Entry[] entries = i + 2 < n ? bucket.third(t[i + 2]) : null;
      if (entries != null) {
        for (Entry e : entries) {
          if (startsWith(t, i, e.literal)) {
            out.add(e.rule, i);
          }
        }
      }
    }
  }

  private static boolean startsWith(char[] text, int at, char[] literal) {
    if (at + literal.length > text.length) {
      return false;
    }
    for (int k = 3; k < literal.length; k++) {
      if (text[at + k] != literal[k]) {
        return false;
      }
    }
    return true;
  }

  /** Candidate positions per rule, reused across the views of one detection. */
  static final class Candidates {
    private final int[][] positions;
    private final int[] counts;

    Candidates(int rules) {
      positions = new int[rules][];
      counts = new int[rules];
    }

    void add(int rule, int position) {
      int n = counts[rule];
      int[] p = positions[rule];
      if (n > 0 && p[n - 1] == position) {
        return;
      }
      if (p == null) {
        p = positions[rule] = new int[4];
      } else if (n == p.length) {
        p = positions[rule] = Arrays.copyOf(p, n * 2);
      }
      p[n] = position;
      counts[rule] = n + 1;
    }

    int count(int rule) {
      return counts[rule];
    }

    int position(int rule, int k) {
      return positions[rule][k];
    }

    void clear() {
      Arrays.fill(counts, 0);
    }
  }
}
