package com.lockllm.train.combine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.lexical.LexicalDetector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.Sensitivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * {@code lockllm-train combine --shared ../shared}: how far any way of combining the three
 * detectors could go on the held-out sources. Scores every held-out row with the rules, the
 * lexical model (ungated) and the semantic model, then fits a logistic regression over the three
 * scores <em>on the held-out rows themselves</em> with 5-fold cross-validation, and prints ROC AUC
 * and recall at a benign false-positive rate of at most 1% for each detector alone, for noisy-OR
 * and for the fitted combination. Then the default engine with the gated semantic detector added,
 * and what skipping that detector when the cheap detectors are sure costs.
 *
 * <p>The fitted combination learns from the held-out sources, so its figures are an optimistic
 * upper bound for a stacking aggregator trained anywhere else, not an operating point.
 */
public final class CombinationBound {
  static final List<String> TEST = List.of("deepset_prompt_injections.jsonl",
      "giskard_prompt_injections.jsonl", "gptfuzz_jailbreak_templates.jsonl",
      "selfinstruct_benign.jsonl", "awesome_chatgpt_prompts_benign.jsonl");
  static final long SEED = 20240601L;
  static final int FOLDS = 5;
  private static final String[] FEATURES = {"rules", "lexical", "semantic"};

  /** One held-out row: its three detector scores and the default engine's score, all in [0, 1]. */
  record Scored(String text, String category, boolean attack, double[] x, double engine) {}

  private CombinationBound() {}

  public static void main(String[] args) throws IOException {
    Path shared = Path.of("../shared");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!"--shared".equals(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      shared = Path.of(args[i + 1]);
    }
    List<Scored> rows = score(shared.resolve("datasets"));
    boolean[] attack = new boolean[rows.size()];
    boolean[] hard = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      attack[i] = rows.get(i).attack();
      hard[i] = "benign_hard_negative".equals(rows.get(i).category());
    }
    System.out.printf(Locale.ROOT, "%d held-out rows, %d attacks%n%n", rows.size(),
        rows.stream().filter(Scored::attack).count());
    System.out.println("| scorer | ROC AUC | TPR at FPR <= 1% | hard-negative FPR there |");
    System.out.println("|---|---|---|---|");
    for (int f = 0; f < FEATURES.length; f++) {
      final int k = f;
      print(FEATURES[f] + " alone", rows.stream().mapToDouble(r -> r.x()[k]).toArray(), attack, hard);
    }
    print("noisy-OR, ungated", rows.stream().mapToDouble(r -> noisyOr(r.x())).toArray(), attack, hard);
    print("logistic regression, 5-fold CV on the held-out rows", crossValidated(rows), attack, hard);
    System.out.println();
    System.out.println("| default engine + semantic gated at | TPR at 55 | FPR at 55 | hard-negative FPR at 55 |");
    System.out.println("|---|---|---|---|");
    for (double gate : new double[] {1.01, 0.99, 0.995, 0.999, 0.9998}) {
      double[] s = rows.stream().mapToDouble(r -> noisyOr(new double[] {
          r.engine(), r.x()[2] >= gate ? r.x()[2] : 0})).toArray();
      System.out.printf(Locale.ROOT, "| %s | %.1f%% | %.2f%% | %.2f%% |%n",
          gate > 1 ? "(no semantic)" : String.valueOf(gate), 100 * rate(s, attack, true, 0.55 - 1e-9),
          100 * rate(s, attack, false, 0.55 - 1e-9), 100 * rate(s, hard, true, 0.55 - 1e-9));
    }
    skipping(rows.stream().map(Scored::text).toList());
  }

  /** Rules score, lexical probability and semantic score of every held-out row, each in [0, 1]. */
  static List<Scored> score(Path datasets) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Normalizer normalizer = Normalizer.create();
    EmbeddedScanner rules = EmbeddedScanner.builder().withoutLexical().build();
    EmbeddedScanner engine = EmbeddedScanner.create();
    LexicalDetector lexical = LexicalDetector.create();
    SemanticDetector semantic = SemanticDetector.create().gated(0).warmUp();
    List<Scored> out = new ArrayList<>();
    for (String file : TEST) {
      for (String line : Files.readAllLines(datasets.resolve(file))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        String text = n.path("text").asText();
        NormalizedText normalized = normalizer.normalize(text);
        double[] x = {
            rules.scan(ScanRequest.of(text, ScanOptions.defaults())).injection() / 100.0,
            lexical.probability(normalized) / 100,
            semantic.detect(normalized).score() / 100};
        double e = engine.scan(ScanRequest.of(text, ScanOptions.defaults())).injection() / 100.0;
        out.add(new Scored(text, n.path("category").asText(""), n.path("label").asInt() == 1, x, e));
      }
    }
    return out;
  }

  /**
   * The default engine plus the gated semantic detector, with the expensive stage skipped where
   * the cheap detectors already reach the low threshold and with it always run: label agreement
   * at every sensitivity, rows skipped, time.
   */
  static void skipping(List<String> texts) {
    SemanticDetector semantic = SemanticDetector.create().warmUp();
    EmbeddedScanner skipping = EmbeddedScanner.builder().addDetector(semantic).build();
    EmbeddedScanner always = EmbeddedScanner.builder().addDetector(semantic).skipExpensiveFrom(101).build();
    EmbeddedScanner cheap = EmbeddedScanner.create();
    int skipped = 0;
    int[] differ = new int[Sensitivity.values().length];
    for (String text : texts) {
      if (cheap.scan(ScanRequest.of(text, ScanOptions.defaults())).injection() >= cheap.thresholds().low()) {
        skipped++;
      }
      for (Sensitivity s : Sensitivity.values()) {
        ScanOptions o = ScanOptions.builder().sensitivity(s).build();
        if (skipping.scan(ScanRequest.of(text, o)).label() != always.scan(ScanRequest.of(text, o)).label()) {
          differ[s.ordinal()]++;
        }
      }
    }
    long t0 = System.nanoTime();
    texts.forEach(t -> skipping.scan(ScanRequest.of(t, ScanOptions.defaults())));
    long t1 = System.nanoTime();
    texts.forEach(t -> always.scan(ScanRequest.of(t, ScanOptions.defaults())));
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "%nskipping the semantic stage from the low threshold: %d of %d rows"
            + " (%.1f%%) skipped; labels differing low/medium/high: %d/%d/%d; %.1f s with skipping, %.1f s"
            + " without%n", skipped, texts.size(), 100.0 * skipped / texts.size(),
        differ[Sensitivity.LOW.ordinal()], differ[Sensitivity.MEDIUM.ordinal()],
        differ[Sensitivity.HIGH.ordinal()], (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  static double noisyOr(double[] x) {
    double keep = 1;
    for (double v : x) {
      keep *= 1 - v;
    }
    return 1 - keep;
  }

  /** Out-of-fold attack probabilities of a logistic regression over the logits of the scores. */
  static double[] crossValidated(List<Scored> rows) {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(SEED));
    int[] fold = new int[rows.size()];
    for (int i = 0; i < order.size(); i++) {
      fold[order.get(i)] = i % FOLDS;
    }
    double attacks = rows.stream().filter(Scored::attack).count();
    double attackWeight = (rows.size() - attacks) / attacks;
    LabelFactory factory = new LabelFactory();
    double[] out = new double[rows.size()];
    for (int k = 0; k < FOLDS; k++) {
      List<Example<Label>> train = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != k) {
          Example<Label> ex = example(rows.get(i));
          ex.setWeight((float) (rows.get(i).attack() ? attackWeight : 1));
          train.add(ex);
        }
      }
      MutableDataset<Label> data = new MutableDataset<>(new ListDataSource<>(train, factory,
          new SimpleDataSourceProvenance("held-out-scores", factory)));
      LinearSGDModel model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 30,
          Integer.MAX_VALUE, 1, SEED).train(data);
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == k) {
          Prediction<Label> p = model.predict(example(rows.get(i)));
          out[i] = p.getOutputScores().get("attack").getScore();
        }
      }
    }
    return out;
  }

  private static Example<Label> example(Scored r) {
    double[] logits = new double[r.x().length];
    for (int i = 0; i < logits.length; i++) {
      double p = Math.min(1 - 1e-4, Math.max(1e-4, r.x()[i]));
      logits[i] = Math.log(p / (1 - p));
    }
    return new ArrayExample<>(new Label(r.attack() ? "attack" : "benign"), FEATURES, logits);
  }

  private static void print(String name, double[] s, boolean[] attack, boolean[] hard) {
    double threshold = thresholdAtFpr(s, attack, 0.01);
    System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f%% | %.1f%% |%n", name, auc(s, attack),
        100 * rate(s, attack, true, threshold), 100 * rate(s, hard, true, threshold));
  }

  /** The lowest score above which at most {@code fpr} of the benign rows lie. */
  static double thresholdAtFpr(double[] s, boolean[] attack, double fpr) {
    double[] benign = java.util.stream.IntStream.range(0, s.length).filter(i -> !attack[i])
        .mapToDouble(i -> s[i]).sorted().toArray();
    int allowed = (int) Math.floor(fpr * benign.length);
    return benign[benign.length - 1 - allowed];
  }

  /** Share of the rows with {@code mask[i] == want} scoring strictly above {@code threshold}. */
  static double rate(double[] s, boolean[] mask, boolean want, double threshold) {
    int n = 0;
    int above = 0;
    for (int i = 0; i < s.length; i++) {
      if (mask[i] == want) {
        n++;
        above += s[i] > threshold ? 1 : 0;
      }
    }
    return n == 0 ? 0 : (double) above / n;
  }

  /** ROC AUC as the Mann-Whitney statistic, ties counting half. */
  static double auc(double[] s, boolean[] attack) {
    Integer[] idx = new Integer[s.length];
    for (int i = 0; i < s.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(s[a], s[b]));
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j < idx.length && s[idx[j]] == s[idx[i]]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (attack[idx[k]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j;
    }
    long neg = s.length - pos;
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }
}
