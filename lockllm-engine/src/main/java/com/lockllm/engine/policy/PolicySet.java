package com.lockllm.engine.policy;

import com.lockllm.engine.lexical.FeatureVector;
import com.lockllm.engine.lexical.LexicalFeatures;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.scan.CustomPolicy;
import com.lockllm.scan.PolicyViolation;
import com.lockllm.scan.ViolatedCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The custom content policies of an embedded scanner, and the engine that checks a prompt against
 * them ({@link #evaluate}). Immutable and thread-safe; example vectors are computed once, here.
 *
 * <p>A category is violated when one of its phrases or patterns matches (score 100), or when the
 * prompt or one of its sentences is at least {@link #similarity()} cosine-similar to one of its
 * examples (score: the similarity times 100). See the engine README, "Custom policies", for the
 * rules and the threshold; {@link #of} builds one from the configured {@link CustomPolicy}s.
 */
public final class PolicySet {
  /**
   * Default cosine similarity at which a prompt matches an example: the midpoint of the gap measured
   * by {@code PolicySimilarityCalibrationTest}, where paraphrases of the examples scored 0.52–0.99
   * and benign near-misses sharing topic words at most 0.42 (see the engine README).
   */
  public static final double DEFAULT_SIMILARITY = 0.47;
  /** Longest text (characters) normalized at once; longer prompts are checked in windows. */
  static final int WINDOW_CHARS = 8192;
  static final int WINDOW_OVERLAP = 512;
  /** Longest snippet quoted in {@code violation_details}. */
  static final int MAX_SNIPPET_CHARS = 200;
  /** Regex work budget: character reads per match attempt, plus this many per input character. */
  static final long REGEX_BASE_BUDGET = 100_000;
  static final long REGEX_BUDGET_PER_CHAR = 200;
  /** Sentences shorter than this (normalized characters) are not compared with examples alone. */
  static final int MIN_SEGMENT_CHARS = 12;

  private static final PolicySet EMPTY = new PolicySet(List.of(), DEFAULT_SIMILARITY);
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:\\n]+");

  private final List<Policy> policies;
  private final double similarity;
  private final Map<PolicyCategory, Sparse[]> examples = new java.util.IdentityHashMap<>();
  private final Normalizer normalizer = Normalizer.create();

  private PolicySet(List<Policy> policies, double similarity) {
    this.policies = List.copyOf(policies);
    this.similarity = similarity;
    FeatureVector fv = new FeatureVector();
    for (Policy p : this.policies) {
      for (PolicyCategory c : p.categories()) {
        Sparse[] vs = new Sparse[c.examples().size()];
        for (int i = 0; i < vs.length; i++) {
          LexicalFeatures.extract(normalizer.normalize(c.examples().get(i)).primary().text(), fv);
          vs[i] = Sparse.of(fv);
        }
        examples.put(c, vs);
      }
    }
  }

  /** No policies: every prompt complies. */
  public static PolicySet empty() {
    return EMPTY;
  }

  public static PolicySet of(Policy... policies) {
    return builder().add(policies).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Policy> policies() {
    return policies;
  }

  public boolean isEmpty() {
    return policies.isEmpty();
  }

  /** Cosine similarity (0–1) at which a prompt matches an example. */
  public double similarity() {
    return similarity;
  }

  /** Checks {@code input} against every policy. */
  public PolicyResult evaluate(String input) {
    Objects.requireNonNull(input, "input");
    if (policies.isEmpty()) {
      return new PolicyResult(List.of(), 100);
    }
    Map<PolicyCategory, Match> best = matches(input);
    double threshold = similarity * 100;
    double top = 0;
    List<PolicyViolation> violations = new ArrayList<>();
    for (Policy p : policies) {
      List<ViolatedCategory> categories = new ArrayList<>();
      Set<String> snippets = new LinkedHashSet<>();
      for (PolicyCategory c : p.categories()) {
        Match m = best.get(c);
        if (m == null) {
          continue;
        }
        top = Math.max(top, m.score);
        if (m.score >= threshold) {
          categories.add(new ViolatedCategory(c.name(), c.description()));
          snippets.add(m.snippet);
        }
      }
      if (!categories.isEmpty()) {
        violations.add(new PolicyViolation(p.name(), categories, String.join("; ", snippets)));
      }
    }
    double margin = !violations.isEmpty()
        ? (threshold >= 100 ? 1 : (top - threshold) / (100 - threshold))
        : (threshold <= 0 ? 1 : (threshold - top) / threshold);
    double confidence = Math.round((50 + 50 * Math.max(0, Math.min(1, margin))) * 100) / 100.0;
    return new PolicyResult(violations, confidence);
  }

  /** The best score (0–100) of the named category for {@code input}; for measuring thresholds. */
  double score(String input, String category) {
    Map<PolicyCategory, Match> best = matches(input);
    for (Map.Entry<PolicyCategory, Match> e : best.entrySet()) {
      if (e.getKey().name().equals(category)) {
        return e.getValue().score;
      }
    }
    return 0;
  }

  private Map<PolicyCategory, Match> matches(String input) {
    Map<PolicyCategory, Match> best = new java.util.IdentityHashMap<>();
    FeatureVector fv = new FeatureVector();
    int step = WINDOW_CHARS - WINDOW_OVERLAP;
    for (int start = 0; ; start += step) {
      int from = safeCut(input, start);
      int to = safeCut(input, Math.min(input.length(), start + WINDOW_CHARS));
      NormalizedText text = normalizer.normalize(input, from, to);
      List<Segment> segments = null;
      for (Policy p : policies) {
        for (PolicyCategory c : p.categories()) {
          Match m = best.get(c);
          if (m != null && m.score >= 100) {
            continue;
          }
          if (segments == null && examples.get(c).length > 0) {
            segments = segmentVectors(text, fv);
          }
          Match found = match(c, text, segments);
          if (found != null && (m == null || found.score > m.score)) {
            best.put(c, found);
          }
        }
      }
      if (to >= input.length()) {
        break;
      }
    }
    return best;
  }

  /** The strongest match of one category in one window, or {@code null}. */
  private Match match(PolicyCategory c, NormalizedText text, List<Segment> segments) {
    String source = text.source();
    for (NormalizedText.View view : text.views()) {
      String t = view.text();
      for (String phrase : c.normalizedPhrases()) {
        int at = findWord(t, phrase);
        if (at >= 0) {
          return new Match(100,
              snippet(source, view.originalStart(at), view.originalEnd(at + phrase.length())));
        }
      }
    }
    String region = c.patterns().isEmpty() ? null : source.substring(text.from(), text.to());
    for (Pattern p : c.patterns()) {
      int[] hit = find(p, region);
      if (hit != null) {
        return new Match(100, snippet(source, text.from() + hit[0], text.from() + hit[1]));
      }
      for (NormalizedText.View view : text.views()) {
        hit = find(p, view.text());
        if (hit != null) {
          return new Match(100,
              snippet(source, view.originalStart(hit[0]), view.originalEnd(hit[1])));
        }
      }
    }
    Sparse[] vectors = examples.get(c);
    if (vectors.length == 0) {
      return null;
    }
    Segment best = null;
    double bestScore = -1;
    for (Segment seg : segments) {
      for (Sparse v : vectors) {
        double cos = v.dot(seg.vector) * 100;
        if (cos > bestScore) {
          bestScore = cos;
          best = seg;
        }
      }
    }
    return best == null ? null : new Match(bestScore,
        snippet(source, best.view.originalStart(best.start), best.view.originalEnd(best.end)));
  }

  /** The features of every segment of every view of one window, computed once for all categories. */
  private static List<Segment> segmentVectors(NormalizedText text, FeatureVector fv) {
    List<Segment> out = new ArrayList<>();
    for (NormalizedText.View view : text.views()) {
      String t = view.text();
      for (int[] seg : segments(t)) {
        LexicalFeatures.extract(t.substring(seg[0], seg[1]), fv);
        out.add(new Segment(view, seg[0], seg[1], Sparse.of(fv)));
      }
    }
    return out;
  }

  private record Segment(NormalizedText.View view, int start, int end, Sparse vector) {}

  /** The whole text and, when there are several, each sentence (trimmed), as [start, end). */
  static List<int[]> segments(String t) {
    List<int[]> out = new ArrayList<>();
    if (t.isBlank()) {
      return out;
    }
    out.add(trim(t, 0, t.length()));
    Matcher m = SENTENCE_END.matcher(t);
    int start = 0;
    List<int[]> sentences = new ArrayList<>();
    while (m.find()) {
      sentences.add(trim(t, start, m.end()));
      start = m.end();
    }
    if (start < t.length()) {
      sentences.add(trim(t, start, t.length()));
    }
    if (sentences.size() > 1) {
      for (int[] s : sentences) {
        if (s[1] - s[0] >= MIN_SEGMENT_CHARS) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static int[] trim(String t, int s, int e) {
    while (s < e && Character.isWhitespace(t.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
      e--;
    }
    return new int[] {s, e};
  }

  /** First occurrence of {@code word} in {@code t} on word boundaries, or -1. */
  static int findWord(String t, String word) {
    int from = 0;
    while (true) {
      int at = t.indexOf(word, from);
      if (at < 0) {
        return -1;
      }
      int end = at + word.length();
      boolean startOk = at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1))
          || !Character.isLetterOrDigit(word.charAt(0));
      boolean endOk = end == t.length() || !Character.isLetterOrDigit(t.charAt(end))
          || !Character.isLetterOrDigit(word.charAt(word.length() - 1));
      if (startOk && endOk) {
        return at;
      }
      from = at + 1;
    }
  }

  /** The first match of {@code p} in {@code t}, as [start, end), or {@code null} (also when the work budget runs out). */
  static int[] find(Pattern p, String t) {
    long budget = REGEX_BASE_BUDGET + REGEX_BUDGET_PER_CHAR * t.length();
    try {
      Matcher m = p.matcher(new BoundedCharSequence(t, budget));
      while (m.find()) {
        if (m.end() > m.start()) {
          return new int[] {m.start(), m.end()};
        }
      }
      return null;
    } catch (BoundedCharSequence.Exhausted e) {
      return null;
    }
  }

  private static String snippet(String source, int start, int end) {
    String s = source.substring(start, Math.max(start, end)).strip();
    return s.length() <= MAX_SNIPPET_CHARS ? s : s.substring(0, MAX_SNIPPET_CHARS) + "…";
  }

  private static int safeCut(String s, int at) {
    return at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))
        && Character.isHighSurrogate(s.charAt(at - 1)) ? at - 1 : at;
  }

  /**
   * The configured {@code policies} with {@code similarity} ({@code null} for {@link
   * #DEFAULT_SIMILARITY}).
   *
   * @throws IllegalArgumentException naming the policy and category of a bad pattern, or an empty policy
   */
  public static PolicySet of(List<CustomPolicy> policies, Double similarity) {
    Builder builder = builder();
    if (similarity != null) {
      builder.similarity(similarity);
    }
    for (CustomPolicy policy : policies) {
      Policy.Builder pb = Policy.builder(policy.name()).description(policy.description());
      for (CustomPolicy.Category c : policy.categories()) {
        try {
          pb.category(PolicyCategory.builder(c.name()).description(c.description())
              .phrases(c.phrases().toArray(String[]::new))
              .patterns(c.patterns().toArray(String[]::new))
              .examples(c.examples().toArray(String[]::new))
              .build());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "policy '" + policy.name() + "', category '" + c.name() + "': " + e.getMessage(), e);
        }
      }
      builder.add(pb.build());
    }
    return builder.build();
  }

  private record Match(double score, String snippet) {}

  /** An L2-normalized sparse vector with sorted indices. */
  private record Sparse(int[] indices, float[] values) {
    static Sparse of(FeatureVector fv) {
      // Bucket indices are below 2^18, so (index << 32 | value bits) sorts by index.
      long[] packed = new long[fv.size()];
      for (int i = 0; i < packed.length; i++) {
        packed[i] = (long) fv.index(i) << 32 | (Float.floatToRawIntBits(fv.value(i)) & 0xffffffffL);
      }
      Arrays.sort(packed);
      int[] idx = new int[packed.length];
      float[] val = new float[packed.length];
      for (int i = 0; i < packed.length; i++) {
        idx[i] = (int) (packed[i] >>> 32);
        val[i] = Float.intBitsToFloat((int) packed[i]);
      }
      return new Sparse(idx, val);
    }

    double dot(Sparse o) {
      double sum = 0;
      int i = 0;
      int j = 0;
      while (i < indices.length && j < o.indices.length) {
        int a = indices[i];
        int b = o.indices[j];
        if (a == b) {
          sum += (double) values[i++] * o.values[j++];
        } else if (a < b) {
          i++;
        } else {
          j++;
        }
      }
      return sum;
    }
  }

  /** Builds a {@link PolicySet}. */
  public static final class Builder {
    private final List<Policy> policies = new ArrayList<>();
    private double similarity = DEFAULT_SIMILARITY;

    Builder() {}

    public Builder add(Policy... policies) {
      for (Policy p : policies) {
        this.policies.add(Objects.requireNonNull(p, "policy"));
      }
      return this;
    }

    /** Cosine similarity (within (0, 1]) at which a prompt matches an example. */
    public Builder similarity(double similarity) {
      if (!(similarity > 0 && similarity <= 1)) {
        throw new IllegalArgumentException("similarity must be within (0, 1], got " + similarity);
      }
      this.similarity = similarity;
      return this;
    }

    public PolicySet build() {
      Set<String> names = new java.util.HashSet<>();
      for (Policy p : policies) {
        if (!names.add(p.name())) {
          throw new IllegalArgumentException("duplicate policy name: " + p.name());
        }
      }
      return new PolicySet(policies, similarity);
    }
  }
}
