package com.lockllm.engine.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one pass over a text, every position where a rule's leading literal occurs, so rules
 * run anchored at those positions only instead of searching the whole text each. Literals are
 * bucketed by their first two characters: one table lookup per text position. Not API.
 */
final class LiteralIndex {
  private static final int ASCII = 128;

  private final Entry[][] asciiBuckets = new Entry[ASCII * ASCII][];
  private final Map<Integer, Entry[]> otherBuckets = new HashMap<>();
  private final int[] unindexed;

  private record Entry(String literal, int rule) {}

  LiteralIndex(List<Rule> rules) {
    Map<Integer, List<Entry>> buckets = new HashMap<>();
    List<Integer> none = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      List<String> literals = rules.get(r).literals();
      if (literals == null) {
        none.add(r);
        continue;
      }
      for (String literal : literals) {
        buckets.computeIfAbsent(key(literal.charAt(0), literal.charAt(1)), k -> new ArrayList<>())
            .add(new Entry(literal, r));
      }
    }
    buckets.forEach((key, entries) -> {
      Entry[] array = entries.toArray(new Entry[0]);
      int c0 = key >>> 16;
      int c1 = key & 0xFFFF;
      if (c0 < ASCII && c1 < ASCII) {
        asciiBuckets[c0 * ASCII + c1] = array;
      } else {
        otherBuckets.put(key, array);
      }
    });
    this.unindexed = none.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Rules without a leading literal: they must search every text. */
  int[] unindexed() {
    return unindexed;
  }

  /** Adds to {@code out}, in ascending order per rule, each position where a rule's literal starts. */
  void scan(String text, Candidates out) {
    int n = text.length() - 1;
    for (int i = 0; i < n; i++) {
      char c0 = text.charAt(i);
      char c1 = text.charAt(i + 1);
      Entry[] bucket = c0 < ASCII && c1 < ASCII
          ? asciiBuckets[c0 * ASCII + c1]
          : otherBuckets.isEmpty() ? null : otherBuckets.get(key(c0, c1));
      if (bucket == null) {
        continue;
      }
      for (Entry e : bucket) {
        if (text.startsWith(e.literal, i)) {
          out.add(e.rule, i);
        }
      }
    }
  }

  private static int key(char c0, char c1) {
    return c0 << 16 | c1;
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
