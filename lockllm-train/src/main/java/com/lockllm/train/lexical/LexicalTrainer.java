package com.lockllm.train.lexical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.detect.Thresholds;
import com.lockllm.engine.lexical.LexicalDetector;
import com.lockllm.engine.lexical.LexicalModel;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.eval.Evaluation;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code lockllm-train lexical --shared ../shared --out <dir>}: trains the lexical model on the
 * training sources, writes {@code lexical-model.bin} to {@code <dir>} and prints the evaluation
 * on the held-out sources.
 *
 * <p>Split by source file: {@link #TEST_FILES} (attacks: deepset, giskard, gptfuzz; benign:
 * deepset's benign rows, selfinstruct, awesome-chatgpt-prompts with its 181 hard negatives) are
 * never seen in training or calibration. The other files train; gsm8k keeps one row in four
 * (text hash) so maths problems do not swamp the benign class; one training row in ten (another
 * hash) is held back for Platt calibration. {@link Synthetic} adds templated injections and hard
 * negatives to the training side only.
 */
public final class LexicalTrainer {
  static final Set<String> TEST_FILES = Set.of(
      "deepset_prompt_injections.jsonl", "giskard_prompt_injections.jsonl",
      "gptfuzz_jailbreak_templates.jsonl", "selfinstruct_benign.jsonl",
      "awesome_chatgpt_prompts_benign.jsonl");
  static final String OUTPUT_NAME = "lexical-model.bin";
  static final int SYNTHETIC_ROWS = 600;
  static final double GATE_BENIGN_FPR = 0.01;
  static final double GATE_HARD_NEGATIVE_FPR = 0.01;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LexicalTrainer() {}

  public static void main(String[] args) throws IOException {
    Path shared = Paths.get("../shared");
    Path out = Paths.get("lockllm-engine/src/main/resources/com/lockllm/engine/lexical/");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--shared" -> shared = Paths.get(args[i + 1]);
        case "--out" -> out = Paths.get(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path datasets = shared.resolve("datasets");
    List<Path> files;
    try (Stream<Path> list = Files.list(datasets)) {
      files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    List<Row> fit = new ArrayList<>();
    List<Row> calibration = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    MessageDigest sha = sha256();
    LexicalTraining.Settings settings = LexicalTraining.Settings.DEFAULT;
    for (Path file : files) {
      List<Row> rows = read(file);
      if (rows.isEmpty()) {
        continue;
      }
      String name = file.getFileName().toString();
      if (TEST_FILES.contains(name)) {
        test.addAll(rows);
        continue;
      }
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
      for (Row row : rows) {
        if (name.startsWith("gsm8k") && Math.floorMod(row.text().hashCode(), 4) != 0) {
          continue;
        }
        (Math.floorMod((row.text() + "#calibration").hashCode(), 10) == 0 ? calibration : fit).add(row);
      }
    }
    List<Row> synthetic = Synthetic.generate(fit, SYNTHETIC_ROWS, settings.seed());
    for (Row row : synthetic) {
      (Math.floorMod((row.text() + "#calibration").hashCode(), 10) == 0 ? calibration : fit).add(row);
    }
    sha.update(settings.describe().getBytes(StandardCharsets.UTF_8));
    byte[] inputsSha = sha.digest();
    System.out.printf(Locale.ROOT, "fit %d rows (%d attacks), calibration %d rows (%d attacks), "
            + "held-out %d rows (%d attacks)%n", fit.size(), count(fit, 1), calibration.size(),
        count(calibration, 1), test.size(), count(test, 1));
    String description = "split by source: held out " + String.join(", ", TEST_FILES.stream().sorted().toList())
        + "; gsm8k 1 in 4; " + SYNTHETIC_ROWS + " templated injections and hard negatives each"
        + "; calibration 1 in 10 of training rows";
    long started = System.nanoTime();
    LexicalTraining.Result result = new LexicalTraining().train(fit, calibration, settings, inputsSha, description);
    LexicalModel ungated = result.model(0);
    System.out.printf(Locale.ROOT, "trained in %.1f s; calibration a=%.4f c=%.4f%n",
        (System.nanoTime() - started) / 1e9, ungated.calibrationA(), ungated.calibrationC());
    Normalizer normalizer = Normalizer.create();
    LexicalDetector probe = LexicalDetector.of(ungated);
    double[] probabilities = new double[test.size()];
    for (int i = 0; i < test.size(); i++) {
      probabilities[i] = probe.probability(normalizer.normalize(test.get(i).text())) / 100;
    }
    float gate = gate(test, probabilities);
    byte[] bytes = result.bytes(gate);
    Files.createDirectories(out);
    Path target = out.resolve(OUTPUT_NAME);
    Files.write(target, bytes);
    System.out.println("wrote " + target + " (" + bytes.length + " bytes, sha256 "
        + HexFormat.of().formatHex(sha256().digest(bytes)) + ")");
    System.out.println("training inputs sha256 " + ungated.trainingSha256());
    System.out.printf(Locale.ROOT, "gate %.4f (held-out benign FPR <= %.0f%%, hard negatives <= %.0f%%)%n",
        gate, 100 * GATE_BENIGN_FPR, 100 * GATE_HARD_NEGATIVE_FPR);
    Report.print(result.model(gate), probabilities, calibration, test, Thresholds.DEFAULT);
  }

  /**
   * The lowest probability at which the model alone flags at most {@link #GATE_BENIGN_FPR} of the
   * held-out benign rows and {@link #GATE_HARD_NEGATIVE_FPR} of their hard negatives: the same
   * false-positive-driven choice the engine's thresholds follow.
   */
  static float gate(List<Row> test, double[] probabilities) {
    double benign = bound(test, probabilities, null, GATE_BENIGN_FPR);
    double hard = bound(test, probabilities, "benign_hard_negative", GATE_HARD_NEGATIVE_FPR);
    return Math.nextUp((float) Math.max(benign, hard));
  }

  private static double bound(List<Row> test, double[] p, String category, double fpr) {
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      Row r = test.get(i);
      if (r.label() == 0 && (category == null || category.equals(r.category()))) {
        scores.add(p[i]);
      }
    }
    if (scores.isEmpty()) {
      return 0;
    }
    scores.sort(Comparator.reverseOrder());
    return scores.get(Math.min(scores.size() - 1, (int) Math.floor(fpr * scores.size())));
  }

  static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    String name = file.getFileName().toString();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = MAPPER.readTree(line);
        if (!row.has("label")) {
          return List.of();
        }
        rows.add(new Row(name, row.get("text").asText(), row.get("label").asInt(),
            row.path("category").asText("")));
      }
    }
    return rows;
  }

  static long count(List<Row> rows, int label) {
    return rows.stream().filter(r -> r.label() == label).count();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Evaluation printout: calibration, then rules / lexical / engine on the held-out sources. */
  static final class Report {
    private Report() {}

    static void print(LexicalModel model, double[] ungated, List<Row> calibration, List<Row> test,
        Thresholds thresholds) {
      LexicalDetector lexical = LexicalDetector.of(model);
      Normalizer normalizer = Normalizer.create();
      EmbeddedScanner rulesOnly = EmbeddedScanner.builder().withoutLexical().thresholds(thresholds).build();
      EmbeddedScanner engine = EmbeddedScanner.builder().lexical(lexical).thresholds(thresholds).build();
      calibrationTable(lexical, normalizer, calibration);
      double[] rules = new double[test.size()];
      double[] lex = new double[test.size()];
      double[] all = new double[test.size()];
      for (int i = 0; i < test.size(); i++) {
        String text = test.get(i).text();
        rules[i] = rulesOnly.scan(ScanRequest.of(text, ScanOptions.defaults())).injection();
        lex[i] = lexical.detect(normalizer.normalize(text)).score();
        all[i] = engine.scan(ScanRequest.of(text, ScanOptions.defaults())).injection();
      }
      System.out.println("\n== held-out sources: " + String.join(", ", TEST_FILES.stream().sorted().toList()));
      summary("rules", test, rules, thresholds);
      double[] ungatedPercent = Arrays.stream(ungated).map(p -> 100 * p).toArray();
      summary("lexical (ungated probability)", test, ungatedPercent, thresholds);
      summary("lexical (gated, as shipped)", test, lex, thresholds);
      summary("engine (rules + lexical, noisy-OR)", test, all, thresholds);
      System.out.println("\n-- engine per category at medium (" + thresholds.medium() + ")");
      System.out.print(evaluate(test, all, thresholds.medium()).report().toTable());
      System.out.println("\n-- engine per held-out file at medium");
      for (String file : TEST_FILES.stream().sorted().toList()) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
          if (test.get(i).file().equals(file)) {
            idx.add(i);
          }
        }
        Evaluation e = Evaluation.create();
        idx.forEach(i -> e.add(test.get(i).label(), test.get(i).category(), all[i],
            all[i] >= thresholds.medium() ? 1 : 0));
        var o = e.report().overall();
        System.out.printf(Locale.ROOT, "%-40s rows=%d TPR=%s FPR=%s AUC=%s%n", file, o.rows(),
            pct(o.tpr()), pct(o.fpr()), o.auc() == null ? "-" : String.format(Locale.ROOT, "%.4f", o.auc()));
      }
      System.out.println("\n-- ungated lexical per held-out file: AUC");
      for (String file : TEST_FILES.stream().sorted().toList()) {
        Evaluation e = Evaluation.create();
        for (int i = 0; i < test.size(); i++) {
          if (test.get(i).file().equals(file)) {
            e.add(test.get(i).label(), test.get(i).category(), ungatedPercent[i], 0);
          }
        }
        System.out.println(file + " " + e.report().overall().auc());
      }
      System.out.println("\n-- engine threshold sweep on held-out (benign FPR / hard-negative FPR / attack TPR)");
      for (int t = 5; t <= 95; t += 5) {
        System.out.printf(Locale.ROOT, "%3d  FPR %s  hard %s  TPR %s%n", t,
            pct(rate(test, all, t, 0, null)), pct(rate(test, all, t, 0, "benign_hard_negative")),
            pct(rate(test, all, t, 1, null)));
      }
    }

    private static void summary(String name, List<Row> test, double[] scores, Thresholds t) {
      double[] benign = scoresOf(test, scores, 0);
      Arrays.sort(benign);
      // Smallest threshold with at most 1% of held-out benign rows at or above it.
      int allowed = (int) Math.floor(0.01 * benign.length);
      double at1 = benign.length == 0 ? 100 : Math.nextUp(benign[benign.length - 1 - allowed]);
      Evaluation medium = evaluate(test, scores, t.medium());
      System.out.printf(Locale.ROOT,
          "%-36s AUC %.4f | TPR@FPR<=1%% %s (threshold %.2f) | low %s/%s medium %s/%s high %s/%s"
              + " (TPR/FPR) | hard-negative FPR at medium %s | precision at medium %s%n",
          name, medium.report().overall().auc(), pct(rate(test, scores, at1, 1, null)), at1,
          pct(rate(test, scores, t.low(), 1, null)), pct(rate(test, scores, t.low(), 0, null)),
          pct(rate(test, scores, t.medium(), 1, null)), pct(rate(test, scores, t.medium(), 0, null)),
          pct(rate(test, scores, t.high(), 1, null)), pct(rate(test, scores, t.high(), 0, null)),
          pct(rate(test, scores, t.medium(), 0, "benign_hard_negative")),
          pct(medium.report().overall().precision()));
    }

    private static void calibrationTable(LexicalDetector lexical, Normalizer normalizer, List<Row> rows) {
      int[] n = new int[10];
      int[] pos = new int[10];
      double[] sum = new double[10];
      double brier = 0;
      for (Row r : rows) {
        double p = lexical.probability(normalizer.normalize(r.text()).primary().text()) / 100;
        int bin = Math.min(9, (int) (p * 10));
        n[bin]++;
        pos[bin] += r.label();
        sum[bin] += p;
        brier += (p - r.label()) * (p - r.label());
      }
      System.out.printf(Locale.ROOT, "%n== calibration slice (training sources, %d rows): Brier %.4f%n",
          rows.size(), brier / rows.size());
      for (int b = 0; b < 10; b++) {
        if (n[b] > 0) {
          System.out.printf(Locale.ROOT, "p in [%.1f, %.1f): %5d rows, mean p %.3f, attack rate %.3f%n",
              b / 10.0, (b + 1) / 10.0, n[b], sum[b] / n[b], (double) pos[b] / n[b]);
        }
      }
    }

    private static Evaluation evaluate(List<Row> test, double[] scores, double threshold) {
      Evaluation e = Evaluation.create();
      for (int i = 0; i < test.size(); i++) {
        e.add(test.get(i).label(), test.get(i).category(), scores[i], scores[i] >= threshold ? 1 : 0);
      }
      return e;
    }

    private static double[] scoresOf(List<Row> test, double[] scores, int label) {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        if (test.get(i).label() == label) {
          out.add(scores[i]);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Double rate(List<Row> test, double[] scores, double threshold, int label, String category) {
      long rows = 0;
      long flagged = 0;
      for (int i = 0; i < test.size(); i++) {
        Row r = test.get(i);
        if (r.label() == label && (category == null || category.equals(r.category()))) {
          rows++;
          flagged += scores[i] >= threshold ? 1 : 0;
        }
      }
      return rows == 0 ? null : (double) flagged / rows;
    }

    private static String pct(Double rate) {
      return rate == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }
  }
}
