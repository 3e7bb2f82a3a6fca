package com.lockllm.engine.injection;

import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.detect.Detector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.scan.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Scores text by weighted signature {@link Rule rules} run over every view of a {@link
 * NormalizedText}.
 *
 * <p>Scoring: each rule counts once, with its weight {@code w} read as a probability. Within a
 * category the strongest rule counts in full and every further rule at half strength, {@code
 * s_cat = 1 - (1 - w_max) * Π (1 - w_i / 2)}, because rules of one category often restate the same
 * phrase. Across categories the evidence is independent, so the score is the noisy-OR {@code 1 - Π
 * (1 - s_cat)}. A hit that only shows in a decoded view (or over characters the normalizer removed
 * or folded) also counts as {@value #OBFUSCATION} evidence at {@value #OBFUSCATION_SHARE} of the
 * rule's weight: hiding an instruction is itself a sign of attack. Encoded text the normalizer's
 * decode budget left undecoded counts as {@value #DECODE_BUDGET_EXHAUSTED} evidence, growing with
 * its length (see {@link #undecodedWeight}): a budget that runs out must not be a way around the
 * rules.
 */
public final class SignatureDetector implements Detector {
  public static final String OBFUSCATION = "obfuscation";
  /**
   * Category of the evidence added when the normalizer's decode budget ran out and encoded text
   * was left undecoded (see {@link NormalizedText#undecodedChars()}).
   */
  public static final String DECODE_BUDGET_EXHAUSTED = "decode_budget_exhausted";
  static final double OBFUSCATION_SHARE = 0.6;
  private static final double SAME_CATEGORY_SHARE = 0.5;
  private static final int MAX_HITS_PER_RULE = 16;

  private final List<Rule> rules;
  private final Map<String, Integer> categoryIndex;
  private final int[] ruleCategory;
  private final int obfuscationIndex;
  private final LiteralIndex index;

  private SignatureDetector(RuleSet ruleSet) {
    this.rules = ruleSet.rules();
    this.categoryIndex = new HashMap<>();
    List<String> categories = ruleSet.categories();
    for (int i = 0; i < categories.size(); i++) {
      categoryIndex.put(categories.get(i), i);
    }
    this.ruleCategory = new int[rules.size()];
    for (int r = 0; r < rules.size(); r++) {
      ruleCategory[r] = categoryIndex.get(rules.get(r).category());
    }
    this.obfuscationIndex = categoryIndex.get(OBFUSCATION);
    this.index = new LiteralIndex(rules);
  }

  /** A detector with the rules that ship with the engine. */
  public static SignatureDetector create() {
    return Default.INSTANCE;
  }

  public static SignatureDetector create(RuleSet rules) {
    return new SignatureDetector(rules);
  }

  @Override
  public Detection detect(NormalizedText text) {
    double[] ruleWeight = new double[rules.size()];
    double[] obfuscationWeight = null;
    List<Finding> findings = new ArrayList<>();
    LiteralIndex.Candidates candidates = new LiteralIndex.Candidates(rules.size());
    // Spans of the original each rule matched in the primary view: a view that rereads the
    // primary one (leetspeak, rot13, respelled, corrected, reversed) finds the same phrase there
    // again, which is neither new evidence nor obfuscation.
    int[][] primarySpans = new int[rules.size()][];
    for (NormalizedText.View view : text.views()) {
      boolean primary = view == text.primary();
      String t = view.text();
      boolean rereading = rereadsPrimary(view.kind());
      candidates.clear();
      index.scan(t, candidates);
      for (int r : index.unindexed()) {
        candidates.add(r, 0);
      }
      for (int r = 0; r < rules.size(); r++) {
        int count = candidates.count(r);
        Rule rule = rules.get(r);
        if (count == 0 || !rule.admits(t)) {
          continue;
        }
        boolean anchored = rule.literals() != null;
        Matcher m = rule.pattern().matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
        int hits = 0;
        int searchedTo = 0;
        for (int k = 0; k < count && hits < MAX_HITS_PER_RULE; k++) {
          int p = candidates.position(r, k);
          if (p < searchedTo) {
            continue;
          }
          m.region(p, t.length());
          if (!(anchored ? m.lookingAt() : m.find())) {
            continue;
          }
          do {
            int s = m.start();
            int e = m.end();
            searchedTo = Math.max(e, s + 1);
            if (e == s) {
              continue;
            }
            int os = view.originalStart(s);
            int oe = view.originalEnd(e);
            if (rereading && overlaps(primarySpans[r], os, oe)) {
              continue;
            }
            if (primary) {
              primarySpans[r] = append(primarySpans[r], os, oe);
            }
            hits++;
            ruleWeight[r] = rule.weight();
            findings.add(new Finding(os, oe, rule.category(), rule.weight()));
            if (view.kind().obfuscated() || text.altered(os, oe)) {
              double w = rule.weight() * OBFUSCATION_SHARE;
              if (obfuscationWeight == null) {
                obfuscationWeight = new double[rules.size()];
              }
              obfuscationWeight[r] = Math.max(obfuscationWeight[r], w);
              findings.add(new Finding(os, oe, OBFUSCATION, w));
            }
          } while (!anchored && hits < MAX_HITS_PER_RULE && m.find());
        }
      }
    }
    double undecoded = 0;
    if (text.undecodedChars() > 0) {
      undecoded = undecodedWeight(text.undecodedChars());
      findings.add(new Finding(text.undecodedStart(), text.undecodedEnd(), DECODE_BUDGET_EXHAUSTED, undecoded));
    }
    if (findings.isEmpty()) {
      return Detection.none();
    }
    double miss = 1 - score(ruleWeight, obfuscationWeight) / 100;
    return new Detection(100 * (1 - miss * (1 - undecoded / 100)), findings);
  }

  /**
   * The weight of {@code chars} encoded characters left undecoded: 50 for 16 (twelve bytes, too
   * few for an instruction), 10 more for every doubling, so that 24 characters (an 18-byte
   * instruction) reach the medium threshold of 55, and at most 90.
   */
  static double undecodedWeight(int chars) {
    double w = 50 + 10 * Math.log(Math.max(chars, 16) / 16.0) / Math.log(2);
    return Math.min(90, w);
  }

  private static boolean rereadsPrimary(NormalizedText.Kind kind) {
    return kind == NormalizedText.Kind.LEETSPEAK || kind == NormalizedText.Kind.ROT13
        || kind == NormalizedText.Kind.RESPELLED || kind == NormalizedText.Kind.CORRECTED
        || kind == NormalizedText.Kind.REVERSED;
  }

  private static boolean overlaps(int[] spans, int s, int e) {
    if (spans != null) {
      for (int i = 1; i < spans[0]; i += 2) {
        if (spans[i] < e && s < spans[i + 1]) {
          return true;
        }
      }
    }
    return false;
  }

  /** Appends a span to a list kept as {@code {usedLength, start, end, start, end, ...}}. */
  private static int[] append(int[] spans, int s, int e) {
    if (spans == null) {
      spans = new int[] {1, 0, 0, 0, 0};
    } else if (spans[0] + 2 > spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[spans[0]] = s;
    spans[spans[0] + 1] = e;
    spans[0] += 2;
    return spans;
  }

  private double score(double[] ruleWeight, double[] obfuscationWeight) {
    int n = categoryIndex.size();
    double[] max = new double[n];
    double[] restMiss = new double[n];
    Arrays.fill(restMiss, 1);
    for (int r = 0; r < ruleWeight.length; r++) {
      add(ruleCategory[r], ruleWeight[r] / 100, max, restMiss);
      if (obfuscationWeight != null) {
        add(obfuscationIndex, obfuscationWeight[r] / 100, max, restMiss);
      }
    }
    double miss = 1;
    for (int c = 0; c < n; c++) {
      miss *= (1 - max[c]) * restMiss[c];
    }
    return 100 * (1 - miss);
  }

  /** Adds weight {@code w} to category {@code c}: the strongest in full, the rest at a share. */
  private static void add(int c, double w, double[] max, double[] restMiss) {
    if (w <= 0) {
      return;
    }
    double weaker = Math.min(w, max[c]);
    max[c] = Math.max(w, max[c]);
    if (weaker > 0) {
      restMiss[c] *= 1 - SAME_CATEGORY_SHARE * weaker;
    }
  }

  private static final class Default {
    static final SignatureDetector INSTANCE = new SignatureDetector(RuleSet.defaults());
  }
}
