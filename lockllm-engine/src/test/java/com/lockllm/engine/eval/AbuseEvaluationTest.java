package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.abuse.ContentAbuseDetector;
import com.lockllm.engine.abuse.ContentAbuseReport;
import com.lockllm.engine.abuse.ContentSignals;
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
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Content abuse signals ({@link ContentAbuseDetector}) measured three ways, written to
 * target/eval/abuse.md (shared datasets) and target/eval/abuse-generated.md (generated set), with
 * floors that fail the build on a regression:
 *
 * <ul>
 *   <li>false positives on every benign row of the shared datasets (label 0, and the unlabelled
 *       PII rows), per file: floor {@value #MAX_BENIGN_FLAGS} rows of 29,472 (1 measured);
 *   <li>the rate on the attack rows (label 1): injections and jailbreaks are not abuse of the
 *       endpoint, so a flag there is a false positive too: floor {@value #MAX_ATTACK_FLAG_RATE}
 *       (0.09% measured);
 *   <li>recall on a generated abusive set ({@value #PER_KIND} prompts per kind, fixed seed; see
 *       {@link #generate}), overall and per kind, and how often the expected type is named: floor
 *       {@value #MIN_RECALL} overall, {@value #MIN_KIND_RECALL} per kind (99.9% and at least 99.0%
 *       measured).
 * </ul>
 *
 * <p>The generated set needs no datasets and always runs; the dataset rows are skipped when the
 * shared datasets are absent (failed under {@code CI=true}: {@link SharedDatasets}).
 */
class AbuseEvaluationTest {
  static final int MAX_BENIGN_FLAGS = 3;
  static final double MAX_ATTACK_FLAG_RATE = 0.002;
  static final double MIN_RECALL = 0.99;
  static final double MIN_KIND_RECALL = 0.95;
  static final int PER_KIND = 200;
  private static final long SEED = 20261124L;
  private static final ContentAbuseDetector DETECTOR = ContentAbuseDetector.create();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path OUT = Paths.get("target", "eval");

  private static final String[] NAMES = {"Anna", "James", "Maria", "Wei", "Olga", "Carlos", "Priya",
      "Tom", "Fatima", "Lukas", "Sara", "Kenji", "Amara", "Noah", "Elena", "Omar"};
  private static final String[] PRODUCTS = {"watches", "sneakers", "pills", "crypto tokens",
      "gift cards", "followers", "handbags", "phones", "loans", "vouchers"};
  private static final String[] SENTENCES = {
    "The committee reviewed the budget for the next quarter and approved most of it.",
    "Please summarize the attached report in three short bullet points.",
    "Our team is planning a hiking trip to the mountains in early spring.",
    "Write a short poem about the sea at night for my daughter's school project.",
    "How do I convert a list of strings to integers in Python?",
    "The recipe calls for two cups of flour, one egg and a pinch of salt.",
    "Translate the following sentence into French for a customer email.",
    "What were the main causes of the industrial revolution in Britain?",
    "I need help writing a cover letter for a junior accountant position.",
    "Explain the difference between a stock and a bond in plain words.",
    "The train to the airport leaves every twenty minutes from platform four.",
    "Can you suggest a name for a small bakery that sells sourdough bread?"};
  private static final String[] EMOJI = {"🔥", "💰", "🚀", "✅", "⭐", "🎁", "💯", "👉", "★", "$", "!",
      "€", "♥", "⚡", "🤑", "📈"};
  private static final String[] SPAM_TEMPLATES = {
    "Hey %s, get cheap %s at %s now and save %d%% today only!",
    "%s, you have been selected to receive free %s, claim at %s before %d pm",
    "Dear %s: best %s deal of the year, visit %s and use code %d for a discount",
    "Hi %s! limited offer on %s, order at %s, only %d left in stock",
    "Attention %s, your %s reward is waiting at %s, reference number %d"};

  record Row(String file, int label, String text) {}

  @Test
  void benignAndAttackRowsStayQuiet() throws IOException {
    Path datasets = SharedDatasets.dir();

    Map<String, int[]> benign = new TreeMap<>(); // file -> {rows, flagged}
    Map<String, int[]> attack = new TreeMap<>();
    Map<String, int[]> benignTypes = new TreeMap<>();
    List<String> benignExamples = new ArrayList<>();
    List<String> attackExamples = new ArrayList<>();
    int[] benignNear = new int[3]; // benign rows with confidence > 0, >= 25, >= 40
    double[] benignMax = new double[10]; // the highest value of each signal on benign rows
    try (Stream<Path> files = Files.list(datasets)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".jsonl") || name.startsWith("gazetteer")) {
          continue;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          while ((line = reader.readLine()) != null) {
            JsonNode row = MAPPER.readTree(line);
            JsonNode text = row.get("text");
            if (text == null || !text.isTextual()) {
              continue;
            }
            boolean isAttack = row.path("label").asInt(0) == 1;
            ContentAbuseReport r = DETECTOR.analyze(text.asText());
            int[] counts = (isAttack ? attack : benign).computeIfAbsent(name, k -> new int[2]);
            if (!isAttack) {
              ContentSignals g = r.signals();
              double[] v = {g.longestCharRun(), g.longestSeparatorRun(), g.longestWordRun(),
                  g.duplicateNgramShare(), g.templateLineShare(), g.symbolShare(), g.chars(),
                  g.nestingDepth(), g.escapeLevels(), g.longestToken()};
              for (int i = 0; i < v.length; i++) {
                benignMax[i] = Math.max(benignMax[i], v[i]);
              }
              benignNear[0] += r.confidence() > 0 ? 1 : 0;
              benignNear[1] += r.confidence() >= 25 ? 1 : 0;
              benignNear[2] += r.confidence() >= 40 ? 1 : 0;
            }
            counts[0]++;
            if (r.detected()) {
              counts[1]++;
              if (isAttack && attackExamples.size() < 10) {
                attackExamples.add(name + " " + r.indicators() + " " + r.signals());
              }
              if (!isAttack) {
                for (String t : r.abuseTypes()) {
                  benignTypes.computeIfAbsent(t, k -> new int[1])[0]++;
                }
                if (benignExamples.size() < 10) {
                  benignExamples.add(name + " " + r.indicators() + " " + r.signals());
                }
              }
            }
          }
        }
      }
    }

    StringBuilder md = new StringBuilder();
    md.append("| benign file | rows | flagged | FPR |\n|---|---|---|---|\n");
    int[] benignAll = table(md, benign);
    md.append("\n| attack file (label 1) | rows | flagged | rate |\n|---|---|---|---|\n");
    int[] attackAll = table(md, attack);
    md.append(String.format(Locale.ROOT,
        "%nbenign rows with confidence > 0: %d, >= 25: %d, >= 40: %d (threshold %.0f)%n",
        benignNear[0], benignNear[1], benignNear[2], ContentAbuseReport.DETECTION_THRESHOLD));
    md.append(String.format(Locale.ROOT, "%nbenign maxima: char run %.0f, separator run %.0f, word run %.0f, "
        + "4-gram repeat share %.3f, template line share %.3f, symbol share %.3f, chars %.0f, "
        + "nesting %.0f, escape levels %.0f, token %.0f%n", benignMax[0], benignMax[1], benignMax[2],
        benignMax[3], benignMax[4], benignMax[5], benignMax[6], benignMax[7], benignMax[8], benignMax[9]));
    md.append("\nbenign flags by type: ");
    benignTypes.forEach((k, v) -> md.append(k).append('=').append(v[0]).append(' '));
    md.append("\n\nfirst benign flags:\n");
    benignExamples.forEach(x -> md.append("- ").append(x).append('\n'));
    md.append("\nfirst attack-row flags:\n");
    attackExamples.forEach(x -> md.append("- ").append(x).append('\n'));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("abuse.md"), md.toString());
    System.out.println(md);

    assertThat(benignAll[0]).as("benign rows").isPositive();
    assertThat(benignAll[1]).as("benign rows flagged, of %d", benignAll[0]).isLessThanOrEqualTo(MAX_BENIGN_FLAGS);
    assertThat((double) attackAll[1] / attackAll[0]).as("attack flag rate")
        .isLessThanOrEqualTo(MAX_ATTACK_FLAG_RATE);
  }

  @Test
  void generatedAbuseIsFound() throws IOException {
    Map<String, List<Generated>> generated = generate(new Random(SEED));
    Map<String, int[]> recall = new LinkedHashMap<>(); // kind -> {rows, detected, expected type named}
    for (Map.Entry<String, List<Generated>> kind : generated.entrySet()) {
      int[] counts = new int[3];
      for (Generated g : kind.getValue()) {
        ContentAbuseReport r = DETECTOR.analyze(g.text());
        counts[0]++;
        if (r.detected()) {
          counts[1]++;
          if (r.abuseTypes().contains(g.expectedType())) {
            counts[2]++;
          }
        }
      }
      recall.put(kind.getKey(), counts);
    }

    StringBuilder md = new StringBuilder();
    md.append("| generated kind | expected type | rows | detected | recall | expected type named |\n")
        .append("|---|---|---|---|---|---|\n");
    int rows = 0;
    int found = 0;
    for (Map.Entry<String, int[]> e : recall.entrySet()) {
      int[] c = e.getValue();
      rows += c[0];
      found += c[1];
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f%% | %.1f%% |%n", e.getKey(),
          generated.get(e.getKey()).get(0).expectedType(), c[0], c[1], 100.0 * c[1] / c[0],
          100.0 * c[2] / c[0]));
    }
    md.append(String.format(Locale.ROOT, "| **all** | | %d | %d | %.1f%% | |%n", rows, found,
        100.0 * found / rows));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("abuse-generated.md"), md.toString());
    System.out.println(md);

    assertThat((double) found / rows).as("generated recall").isGreaterThanOrEqualTo(MIN_RECALL);
    recall.forEach((kind, c) -> assertThat((double) c[1] / c[0]).as("recall of " + kind)
        .isGreaterThanOrEqualTo(MIN_KIND_RECALL));
  }

  private static int[] table(StringBuilder md, Map<String, int[]> counts) {
    int[] all = new int[2];
    counts.forEach((file, c) -> {
      all[0] += c[0];
      all[1] += c[1];
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f%% |%n", file, c[0], c[1], 100.0 * c[1] / c[0]));
    });
    md.append(String.format(Locale.ROOT, "| **all** | %d | %d | %.2f%% |%n", all[0], all[1],
        100.0 * all[1] / Math.max(1, all[0])));
    return all;
  }

  record Generated(String text, String expectedType) {}

  /**
   * The generated abusive set: {@value #PER_KIND} prompts of each kind from templates, with random
   * sizes in the ranges below (a benign sentence from {@link #SENTENCES} usually leads in, so the
   * abuse is not the whole prompt).
   */
  static Map<String, List<Generated>> generate(Random rnd) {
    Map<String, List<Generated>> out = new LinkedHashMap<>();
    String bot = ContentAbuseDetector.BOT_GENERATED;
    String rep = ContentAbuseDetector.EXCESSIVE_REPETITION;
    String res = ContentAbuseDetector.RESOURCE_EXHAUSTION;
    // templated spam: 8-40 lines of one template, names, numbers and links varying, products from 3
    kind(out, "bot: templated spam lines (8-40)", bot, rnd, r -> {
      String template = pick(r, SPAM_TEMPLATES);
      String[] products = {pick(r, PRODUCTS), pick(r, PRODUCTS), pick(r, PRODUCTS)};
      StringBuilder sb = new StringBuilder();
      int lines = 8 + r.nextInt(33);
      for (int i = 0; i < lines; i++) {
        String url = "https://" + token(r, 6) + ".example/" + token(r, 5);
        sb.append(String.format(Locale.ROOT, template, pick(r, NAMES), pick(r, products), url, 1 + r.nextInt(99)))
            .append('\n');
      }
      return sb.toString();
    });
    // symbol-heavy bot text: short words between runs of 1-3 emoji or symbols, 40-400 code points
    kind(out, "bot: emoji and symbol spam", bot, rnd, r -> {
      StringBuilder sb = new StringBuilder();
      String[] words = {"FREE", "WIN", "now", "click", "deal", "BIG", "money", "BONUS", "hot", "CASH"};
      int target = 40 + r.nextInt(360);
      while (sb.codePointCount(0, sb.length()) < target) {
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
          sb.append(pick(r, EMOJI));
        }
        sb.append(' ').append(pick(r, words)).append(' ');
      }
      return sb.toString();
    });
    // one character or a 2-4 character unit repeated: 60-2000 characters
    kind(out, "repetition: character run (60-2000 chars)", rep, rnd, r -> {
      String[] units = {"a", "!", "?", "z", "😂", "ha", "lol", "0", "xo", "abc", "no!", "🔥"};
      String unit = pick(r, units);
      int length = 60 + r.nextInt(1941);
      return lead(r) + " " + unit.repeat(Math.max(1, length / unit.length()));
    });
    // one word repeated 40-600 times
    kind(out, "repetition: word (40-600 times)", rep, rnd, r -> {
      String[] words = {"spam", "hello", "buy", "please", "test", "money", "yes", "repeat", "why"};
      String word = pick(r, words);
      return lead(r) + " " + (word + " ").repeat(40 + r.nextInt(561));
    });
    // a phrase of 2-6 words repeated back to back 15-200 times
    kind(out, "repetition: phrase (2-6 words, 15-200 times)", rep, rnd, r -> {
      int words = 2 + r.nextInt(5);
      String[] pool = lead(r).replaceAll("[^A-Za-z ]", "").split(" ");
      StringBuilder phrase = new StringBuilder();
      for (int i = 0; i < words; i++) {
        phrase.append(pool[r.nextInt(pool.length)]).append(' ');
      }
      return phrase.toString().repeat(15 + r.nextInt(186));
    });
    // a paragraph of 2-4 distinct sentences repeated 5-40 times
    kind(out, "repetition: paragraph (5-40 copies)", rep, rnd, r -> {
      StringBuilder p = new StringBuilder();
      int k = 2 + r.nextInt(3);
      for (int i = 0; i < k; i++) {
        p.append(pick(r, SENTENCES)).append(' ');
      }
      return p.append('\n').toString().repeat(5 + r.nextInt(36));
    });
    // oversized prompt: 90K-400K characters of shuffled sentences with random numbers in them
    kind(out, "resource: oversized (90K-400K chars)", res, rnd, r -> {
      int length = 90_000 + r.nextInt(310_001);
      StringBuilder sb = new StringBuilder(length + 200);
      while (sb.length() < length) {
        sb.append(pick(r, SENTENCES)).append(" (ref ").append(r.nextInt(1_000_000)).append(") ");
      }
      return sb.toString();
    });
    // nested brackets or JSON objects: depth 40-3000
    kind(out, "resource: deep nesting (depth 40-3000)", res, rnd, r -> {
      int depth = 40 + r.nextInt(2961);
      String[] shapes = {"[", "{\"a\":", "(", "{"};
      String open = pick(r, shapes);
      String close = open.startsWith("[") ? "]" : open.startsWith("(") ? ")" : "}";
      return lead(r) + "\n" + open.repeat(depth) + "1" + close.repeat(depth);
    });
    // JSON stringified 7-11 times
    kind(out, "resource: escaped quotes (7-11 levels)", res, rnd, r -> {
      String s = "{\"q\":\"" + pick(r, SENTENCES) + "\"}";
      int levels = 7 + r.nextInt(5);
      for (int i = 1; i < levels; i++) {
        s = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
      return lead(r) + " " + s;
    });
    // a giant token: 12K-200K characters of base64-like random text
    kind(out, "resource: giant token (12K-200K chars)", res, rnd, r -> lead(r) + " "
        + token(r, 12_000 + r.nextInt(188_001)));
    return out;
  }

  private static void kind(Map<String, List<Generated>> out, String name, String type, Random rnd,
      Function<Random, String> maker) {
    List<Generated> rows = new ArrayList<>(PER_KIND);
    for (int i = 0; i < PER_KIND; i++) {
      rows.add(new Generated(maker.apply(rnd), type));
    }
    out.put(name, rows);
  }

  private static String lead(Random r) {
    return pick(r, SENTENCES);
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String token(Random r, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
