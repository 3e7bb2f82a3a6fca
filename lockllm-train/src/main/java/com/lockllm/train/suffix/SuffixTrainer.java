package com.lockllm.train.suffix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.suffix.CharModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code lockllm-train suffix --shared ../shared --out <dir>}: builds the character language model
 * of the adversarial-suffix detector from the benign rows of the training sources and writes
 * {@code suffix-model.bin} to {@code <dir>}.
 *
 * <p>Sources ({@link #TRAINING}): every benign row of gpteacher (role-play, tool use, code
 * instructions), one gsm8k row in four (text hash, as the lexical model samples it) and BIPIA's
 * clean e-mails, tables and code answers. The lexical model's held-out benign sources
 * (selfinstruct, awesome-chatgpt-prompts, deepset's benign rows) are left out and only scored,
 * as bits per character, next to the training text.
 */
public final class SuffixTrainer {
  static final List<String> TRAINING = List.of(
      "bipia_indirect_injection.jsonl", "gpteacher_benign.jsonl", "gsm8k_benign.jsonl");
  static final List<String> HELD_OUT = List.of(
      "awesome_chatgpt_prompts_benign.jsonl", "deepset_prompt_injections.jsonl",
      "selfinstruct_benign.jsonl");
  static final String OUTPUT_NAME = "suffix-model.bin";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SuffixTrainer() {}

  public static void main(String[] args) throws IOException {
    Path shared = Paths.get("../shared");
    Path out = Paths.get("lockllm-engine/src/main/resources/com/lockllm/engine/suffix/");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--shared" -> shared = Paths.get(args[i + 1]);
        case "--out" -> out = Paths.get(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path datasets = shared.resolve("datasets");
    MessageDigest sha = sha256();
    List<String> texts = new ArrayList<>();
    for (String name : TRAINING) {
      Path file = datasets.resolve(name);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
      for (String text : benign(file)) {
        if (!name.startsWith("gsm8k") || Math.floorMod(text.hashCode(), 4) == 0) {
          texts.add(text);
        }
      }
    }
    String description = "interpolated Kneser-Ney, order " + CharModel.ORDER + ", " + CharModel.SYMBOLS
        + " symbols; benign rows of " + String.join(", ", TRAINING) + " (gsm8k 1 in 4)";
    sha.update(description.getBytes(StandardCharsets.UTF_8));
    long started = System.nanoTime();
    CharModelTraining.Result result = CharModelTraining.train(texts, sha.digest(), description);
    System.out.printf(Locale.ROOT, "%d texts, %d symbols, %d n-grams, discounts %s, built in %.1f s%n",
        texts.size(), result.symbols(), result.entries(), discounts(result.discounts()),
        (System.nanoTime() - started) / 1e9);
    Files.createDirectories(out);
    Path target = out.resolve(OUTPUT_NAME);
    Files.write(target, result.bytes());
    CharModel model = result.model();
    System.out.println("wrote " + target + " (" + result.bytes().length + " bytes, sha256 "
        + HexFormat.of().formatHex(sha256().digest(result.bytes())) + ")");
    System.out.println("training inputs sha256 " + model.trainingSha256());
    System.out.printf(Locale.ROOT, "bits per character: training text %.3f%n", bitsPerChar(model, texts));
    for (String name : HELD_OUT) {
      System.out.printf(Locale.ROOT, "bits per character: %s (held out) %.3f%n", name,
          bitsPerChar(model, benign(datasets.resolve(name))));
    }
  }

  /** Mean cost of the counted characters of {@code texts}. */
  static double bitsPerChar(CharModel model, List<String> texts) {
    double bits = 0;
    long n = 0;
    for (String t : texts) {
      float[] cost = new float[t.length()];
      boolean[] counted = new boolean[t.length()];
      model.costs(t, 0, t.length(), cost, counted);
      for (int i = 0; i < cost.length; i++) {
        if (counted[i]) {
          bits += cost[i];
          n++;
        }
      }
    }
    return n == 0 ? 0 : bits / n;
  }

  /** The texts of a file's rows labelled 0. */
  static List<String> benign(Path file) throws IOException {
    List<String> texts = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = MAPPER.readTree(line);
        if (row.path("label").asInt(-1) == 0) {
          texts.add(row.get("text").asText());
        }
      }
    }
    return texts;
  }

  private static String discounts(double[] d) {
    StringBuilder b = new StringBuilder();
    for (int n = 1; n < d.length; n++) {
      b.append(n == 1 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", d[n]));
    }
    return b.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
