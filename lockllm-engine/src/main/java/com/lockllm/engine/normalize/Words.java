package com.lockllm.engine.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * of {@link #misspelledTrigger}. Lookups take a range of a char array and allocate nothing.
 * Loaded once. Not API.
 */
final class Words {
  static final Words KNOWN = new Words(read("words.txt.gz", true), read("triggers.txt", false),
      read("words-other.txt", false));
  /** The rank given to trigger words and words of other languages the frequency list lacks. */
  private static final int MIDDLING_RANK = 5000;
  private static final int MAX_WORD = 24;

  private final WordTable table;
  private final int[] ranks;
  private final String[] triggers;

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
   * The trigger word that {@code s[from, to)} misspells: the first of the closest within an
   * optimal-string-alignment distance (substitutions, insertions, deletions, swaps of neighbours)
   * of 1, or 2 for words of eight letters or more; {@code null} when none is that close.
   */
  String misspelledTrigger(char[] s, int from, int to) {
    int n = to - from;
    int[][] rows = new int[3][n + 1];
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String t : triggers) {
      int allowed = t.length() >= 8 ? 2 : 1;
      if (Math.abs(t.length() - n) > allowed) {
        continue;
      }
      int d = distance(t, s, from, to, allowed, rows);
      if (d <= allowed && d < bestDistance) {
        bestDistance = d;
        best = t;
        if (d <= 1) {
          break;
        }
      }
    }
    return best;
  }

  /**
   * Optimal string alignment distance between {@code t} and {@code s[from, to)}, or {@code limit +
   * 1} once it must exceed {@code limit}; {@code rows} is scratch space of three rows of {@code to
   * - from + 1}.
   */
  static int distance(String t, char[] s, int from, int to, int limit, int[][] rows) {
    int n = to - from;
    int m = t.length();
    if (Math.abs(n - m) > limit) {
      return limit + 1;
    }
    int[] prev2 = rows[0];
    int[] prev = rows[1];
    int[] cur = rows[2];
    for (int j = 0; j <= n; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= m; i++) {
      cur[0] = i;
      int rowMin = i;
      char a = t.charAt(i - 1);
      for (int j = 1; j <= n; j++) {
        char b = s[from + j - 1];
        int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a == b ? 0 : 1));
        if (i > 1 && j > 1 && a == s[from + j - 2] && t.charAt(i - 2) == b) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] x = prev2;
      prev2 = prev;
      prev = cur;
      cur = x;
    }
    return prev[n];
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
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
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
