package com.lockllm.train.suffix;

import com.lockllm.engine.suffix.CharModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the engine's {@link CharModel} from benign texts: counts every n-gram up to {@link
 * CharModel#ORDER} symbols (each text padded with begin symbols), smooths them by interpolated
 * Kneser–Ney with one discount per order ({@code D = n1 / (n1 + 2 n2)} over that order's counts;
 * raw counts at the highest order, continuation counts below) and writes each n-gram's
 * interpolated cost and, as a context, its back-off cost. No randomness and no floating-point sums
 * over unordered data: same texts, same bytes.
 */
public final class CharModelTraining {
  private static final int ORDER = CharModel.ORDER;
  private static final int BASE = CharModel.BASE;

  /** What {@link #train} built: the resource bytes and a summary of the counts. */
  public record Result(byte[] bytes, int entries, long symbols, double[] discounts) {
    public CharModel model() {
      try {
        return CharModel.read(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private CharModelTraining() {}

  public static Result train(List<String> texts, byte[] inputsSha256, String description) {
    // counts.get(n) maps an n-gram's key to its count: raw at the highest order, continuation
    // counts (distinct left extensions) below.
    List<Map<Integer, Integer>> counts = new ArrayList<>();
    for (int n = 0; n <= ORDER; n++) {
      counts.add(new HashMap<>());
    }
    long symbols = 0;
    int[] padded = new int[0];
    for (String text : texts) {
      int[] s = CharModel.symbols(text);
      if (padded.length < s.length + ORDER - 1) {
        padded = new int[s.length + ORDER - 1];
      }
      Arrays.fill(padded, 0, ORDER - 1, CharModel.BEGIN);
      System.arraycopy(s, 0, padded, ORDER - 1, s.length);
      for (int i = ORDER - 1; i < s.length + ORDER - 1; i++) {
        counts.get(ORDER).merge(CharModel.key(padded, i - ORDER + 1, ORDER), 1, Integer::sum);
      }
      symbols += s.length;
    }
    for (int n = ORDER - 1; n >= 1; n--) {
      int modulus = pow(BASE, n);
      Map<Integer, Integer> lower = counts.get(n);
      for (int key : counts.get(n + 1).keySet()) {
        lower.merge(key % modulus, 1, Integer::sum);
      }
    }
    for (int s = 1; s <= CharModel.SYMBOLS; s++) {
      counts.get(1).putIfAbsent(s, 0);
    }
    double[] discounts = new double[ORDER + 1];
    // Per context (key / BASE): total count and number of distinct continuations.
    List<Map<Integer, long[]>> contexts = new ArrayList<>();
    contexts.add(Map.of());
    for (int n = 1; n <= ORDER; n++) {
      long n1 = 0;
      long n2 = 0;
      Map<Integer, long[]> byContext = new HashMap<>();
      for (Map.Entry<Integer, Integer> e : counts.get(n).entrySet()) {
        int c = e.getValue();
        n1 += c == 1 ? 1 : 0;
        n2 += c == 2 ? 1 : 0;
        long[] t = byContext.computeIfAbsent(e.getKey() / BASE, k -> new long[2]);
        t[0] += c;
        t[1] += c > 0 ? 1 : 0;
      }
      discounts[n] = n1 + n2 == 0 ? 0.5 : (double) n1 / (n1 + 2 * n2);
      contexts.add(byContext);
    }
    List<Map<Integer, Double>> probability = new ArrayList<>();
    probability.add(Map.of());
    for (int n = 1; n <= ORDER; n++) {
      Map<Integer, Double> p = new HashMap<>();
      double d = discounts[n];
      for (Map.Entry<Integer, Integer> e : counts.get(n).entrySet()) {
        int key = e.getKey();
        long[] t = contexts.get(n).get(key / BASE);
        double lower = n == 1 ? 1.0 / CharModel.SYMBOLS : probability.get(n - 1).get(key % pow(BASE, n - 1));
        p.put(key, (Math.max(e.getValue() - d, 0) + d * t[1] * lower) / t[0]);
      }
      probability.add(p);
    }
    // Every n-gram, and every context that is not itself a counted n-gram (the all-begin ones
    // at the start of a text), whose back-off cost the model needs.
    TreeSet<Integer> all = new TreeSet<>();
    for (int n = 1; n <= ORDER; n++) {
      all.addAll(counts.get(n).keySet());
      if (n > 1) {
        all.addAll(contexts.get(n).keySet());
      }
    }
    int total = all.size();
    int[] keys = all.stream().mapToInt(Integer::intValue).toArray();
    float[] costs = new float[total];
    float[] backoffs = new float[total];
    for (int i = 0; i < total; i++) {
      int key = keys[i];
      int n = CharModel.length(key);
      Double p = probability.get(n).get(key);
      // A context that was never predicted (it ends in a begin symbol) has no cost of its own.
      costs[i] = p == null ? Float.MAX_VALUE : (float) (-log2(p));
      if (n < ORDER) {
        long[] t = contexts.get(n + 1).get(key);
        backoffs[i] = t == null ? 0 : (float) (-log2(discounts[n + 1] * t[1] / t[0]));
      }
    }
    byte[] bytes = CharModel.write(keys, costs, backoffs, inputsSha256, description);
    return new Result(bytes, total, symbols, discounts);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static int pow(int base, int exponent) {
    int r = 1;
    for (int i = 0; i < exponent; i++) {
      r *= base;
    }
    return r;
  }
}
