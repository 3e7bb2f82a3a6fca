package com.lockllm.train.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.transformer.Calibration;
import com.lockllm.engine.transformer.TransformerDetector;
import com.lockllm.engine.transformer.TransformerModel;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.Sensitivity;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code lockllm-train transformer-eval --rows <rows.jsonl> --model <model.onnx> --out <dir>}:
 * scores the test rows with a candidate model as the engine runs it (int8, ONNX Runtime, windows
 * of the primary view), chooses the probability for each sensitivity on the benign rows of one
 * half of the test split (text hash; {@link #CALIBRATION_FPR}), writes {@code
 * calibration.properties} to {@code <dir>}, and prints the other half per source and per family:
 * the model alone, the lexical engine, and the engine with the transformer tier, at each
 * sensitivity, with ROC AUC and recall at 1% FPR.
 *
 * <p>Why not the dev split: it comes from the training sources, and the model's benign scores there
 * say nothing about prompts from elsewhere (0.5% of dev benign rows at the medium probability
 * became 25% of held-out benign rows). Thresholds set on held-out sources make the reported half
 * unseen by row, not by source; the engine README says so.
 */
public final class TransformerEval {
  /** Calibration-half benign FPR each sensitivity's probability is chosen for: high, medium, low. */
  static final double[] CALIBRATION_FPR = {0.02, 0.005, 0.002};
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TransformerEval() {}

  public static void main(String[] args) throws IOException {
    Path rowsFile = Paths.get("target/transformer-data/rows.jsonl");
    Path modelFile = Paths.get("target/transformer-data/model.onnx");
    Path out = Paths.get("target/transformer-data");
    boolean engine = true;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rowsFile = Paths.get(args[i + 1]);
        case "--model" -> modelFile = Paths.get(args[i + 1]);
        case "--out" -> out = Paths.get(args[i + 1]);
        case "--engine" -> engine = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<JsonNode> calibrationRows = new ArrayList<>();
    List<JsonNode> test = new ArrayList<>();
    for (String line : Files.readAllLines(rowsFile, StandardCharsets.UTF_8)) {
      JsonNode row = MAPPER.readTree(line);
      if (row.path("split").asText().equals("test")) {
        boolean calibration = Math.floorMod((row.path("text").asText() + "#calibration").hashCode(), 2) == 0;
        (calibration ? calibrationRows : test).add(row);
      }
    }
    Calibration provisional = new Calibration(0.5, 0.5, 0.5, "provisional");
    TransformerModel model;
    try (InputStream vocab = TransformerDetector.class.getResourceAsStream(TransformerDetector.TOKENIZER)) {
      model = TransformerModel.load(Files.readAllBytes(modelFile), vocab, provisional,
          Runtime.getRuntime().availableProcessors());
    }
    TransformerDetector detector = TransformerDetector.of(model);
    Normalizer normalizer = Normalizer.create();
    Function<JsonNode, Double> probability =
        r -> detector.probability(normalizer.normalize(r.path("text").asText()).primary().text());
    long started = System.nanoTime();
    double[] calibrationP = calibrationRows.stream().mapToDouble(probability::apply).toArray();
    double[] testP = test.stream().mapToDouble(probability::apply).toArray();
    System.out.printf(Locale.ROOT, "scored %d calibration and %d test rows in %.0f s%n", calibrationRows.size(), test.size(),
        (System.nanoTime() - started) / 1e9);
    double[] calibrationBenign = benign(calibrationRows, calibrationP);
    Calibration calibration = new Calibration(quantile(calibrationBenign, 1 - CALIBRATION_FPR[0]),
        quantile(calibrationBenign, 1 - CALIBRATION_FPR[1]), quantile(calibrationBenign, 1 - CALIBRATION_FPR[2]),
        String.format(Locale.ROOT, "held-out benign FPR %.1f%% / %.1f%% / %.1f%% (high / medium / low) "
                + "on the calibration half of the test split, %d benign rows",
            100 * CALIBRATION_FPR[0], 100 * CALIBRATION_FPR[1], 100 * CALIBRATION_FPR[2], calibrationBenign.length));
    Files.createDirectories(out);
    Path cal = out.resolve(TransformerModel.CALIBRATION);
    Files.writeString(cal, String.format(Locale.ROOT,
        "# written by lockllm-train transformer-eval%nhigh=%.6f%nmedium=%.6f%nlow=%.6f%ndescription=%s%n",
        calibration.high(), calibration.medium(), calibration.low(), calibration.description()));
    System.out.println("wrote " + cal + ": " + calibration);

    PrintStream o = System.out;
    o.println();
    o.println("Model alone on the reported half of the test split (thresholds from the calibration half):");
    table(o, test, testP, calibration);
    if (engine) {
      TransformerModel calibrated;
      try (InputStream vocab = TransformerDetector.class.getResourceAsStream(TransformerDetector.TOKENIZER)) {
        calibrated = TransformerModel.load(Files.readAllBytes(modelFile), vocab, calibration, 1);
      }
      EmbeddedScanner lexical = EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.LEXICAL).build();
      EmbeddedScanner full = EmbeddedScanner.builder().transformer(TransformerDetector.of(calibrated)).build();
      for (EmbeddedScanner scanner : List.of(lexical, full)) {
        o.println();
        o.println(scanner == lexical ? "Engine, lexical tier (rules, lexical model, suffix detector), reported half:"
            : "Engine with the transformer tier, reported half:");
        double[] scores = test.stream().mapToDouble(r -> scanner.scan(ScanRequest.of(r.path("text").asText(),
            ScanOptions.builder().sensitivity(Sensitivity.MEDIUM).build())).injection()).toArray();
        table(o, test, scores, null);
      }
    }
  }

  /** Per group: rows, recall or FPR at each sensitivity, AUC within the group against all benign rows. */
  private static void table(PrintStream o, List<JsonNode> rows, double[] s, Calibration c) {
    double[] cut = c == null ? new double[] {35, 55, 75} : new double[] {c.high(), c.medium(), c.low()};
    double[] allBenign = benign(rows, s);
    for (String key : List.of("source", "family")) {
      Map<String, List<Integer>> groups = new TreeMap<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode r = rows.get(i);
        groups.computeIfAbsent(r.path(key).asText() + (r.path("label").asInt() == 1 ? " (attack)" : " (benign)"),
            k -> new ArrayList<>()).add(i);
      }
      o.printf(Locale.ROOT, "| %s | rows | high | medium | low | AUC vs all benign |%n|---|---|---|---|---|---|%n", key);
      groups.forEach((g, idx) -> {
        double[] v = idx.stream().mapToDouble(i -> s[i]).toArray();
        boolean attack = g.endsWith("(attack)");
        o.printf(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% | %.1f%% | %s |%n", g, v.length, rate(v, cut[0]),
            rate(v, cut[1]), rate(v, cut[2]), attack ? String.format(Locale.ROOT, "%.3f", auc(v, allBenign)) : "");
      });
    }
    double[] attacks = new double[0];
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).path("label").asInt() == 1) {
        attacks = Arrays.copyOf(attacks, attacks.length + 1);
        attacks[attacks.length - 1] = s[i];
      }
    }
    double at1 = quantile(allBenign, 0.99);
    o.printf(Locale.ROOT, "all: %d attacks, %d benign; AUC %.3f; recall at 1%% benign FPR %.1f%%; "
            + "medium: recall %.1f%%, FPR %.2f%%%n", attacks.length, allBenign.length, auc(attacks, allBenign),
        100 * above(attacks, at1), rate(attacks, cut[1]), rate(allBenign, cut[1]));
  }

  private static double[] benign(List<JsonNode> rows, double[] s) {
    List<Double> b = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).path("label").asInt() == 0) {
        b.add(s[i]);
      }
    }
    return b.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double rate(double[] v, double cut) {
    return v.length == 0 ? 0 : 100.0 * Arrays.stream(v).filter(x -> x >= cut).count() / v.length;
  }

  private static double above(double[] v, double cut) {
    return v.length == 0 ? 0 : (double) Arrays.stream(v).filter(x -> x > cut).count() / v.length;
  }

  /** The smallest value with at most {@code 1 - q} of {@code v} strictly above it. */
  static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    int i = (int) Math.min(s.length - 1, Math.ceil(q * s.length) - 1);
    return Math.nextUp(s[Math.max(0, i)]);
  }

  /** Mann–Whitney AUC: the chance an attack scores above a benign row (ties count half). */
  static double auc(double[] attacks, double[] benign) {
    if (attacks.length == 0 || benign.length == 0) {
      return Double.NaN;
    }
    double[] b = benign.clone();
    Arrays.sort(b);
    double sum = 0;
    for (double a : attacks) {
      int lo = lowerBound(b, a);
      int hi = lowerBound(b, Math.nextUp(a));
      sum += lo + 0.5 * (hi - lo);
    }
    return sum / ((double) attacks.length * b.length);
  }

  private static int lowerBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
