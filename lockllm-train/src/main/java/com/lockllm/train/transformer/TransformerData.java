package com.lockllm.train.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.semantic.WordPieceTokenizer;
import com.lockllm.engine.transformer.TransformerDetector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code lockllm-train transformer-data --shared ../shared --generated <generated.jsonl> --out <dir>}:
 * the rows the transformer tier is fine-tuned and measured on, as token ids of the engine's
 * primary normalized view (what {@link TransformerDetector} scores) beside the text, one JSON
 * object per line in {@code <dir>/rows.jsonl}.
 *
 * <p>Split ({@code split} field): {@code test} holds whole held-out sources (the files of {@link
 * #TEST_FILES}, as for the lexical model) and, of the generated rows, one whole generator per
 * family ({@link #heldOutGenerators}) and every row built on the harmful requests of the test pool;
 * {@code dev} is one training row in ten (text hash), for thresholds; the rest is {@code train}.
 * gsm8k keeps one row in four and gpteacher one in two, so neither narrow source swamps the
 * benign class (or the training time).
 */
public final class TransformerData {
  static final Set<String> TEST_FILES = Set.of(
      "deepset_prompt_injections.jsonl", "giskard_prompt_injections.jsonl",
      "gptfuzz_jailbreak_templates.jsonl", "selfinstruct_benign.jsonl",
      "awesome_chatgpt_prompts_benign.jsonl");
  /** Files of the shared folder that are not labelled prompts. */
  static final Set<String> SKIPPED = Set.of("gazetteer_us_names.jsonl", "pii_presidio_synthetic.jsonl");
  /** Token ids kept per row: 16 windows' worth; longer rows are cut (the engine scores them in full). */
  static final int MAX_TOKENS = 2048;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TransformerData() {}

  public static void main(String[] args) throws IOException {
    Path shared = Paths.get("../shared");
    Path generated = null;
    Path out = Paths.get("target/transformer-data");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--shared" -> shared = Paths.get(args[i + 1]);
        case "--generated" -> generated = Paths.get(args[i + 1]);
        case "--out" -> out = Paths.get(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    WordPieceTokenizer tokenizer;
    try (InputStream in = TransformerDetector.class.getResourceAsStream(TransformerDetector.TOKENIZER)) {
      if (in == null) {
        throw new IOException("the tokenizer " + TransformerDetector.TOKENIZER + " is not on the class path");
      }
      tokenizer = WordPieceTokenizer.read(in);
    }
    Normalizer normalizer = Normalizer.create();
    List<JsonNode> rows = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(shared.resolve("datasets"))) {
      files = list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (SKIPPED.contains(name)) {
        continue;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode row = MAPPER.readTree(line);
        String text = row.path("text").asText();
        if (name.startsWith("gsm8k") && Math.floorMod(text.hashCode(), 4) != 0
            || name.startsWith("gpteacher") && Math.floorMod(text.hashCode(), 2) != 0) {
          continue;
        }
        String source = name.substring(0, name.length() - ".jsonl".length());
        String family = row.path("category").asText();
        rows.add(row(text, row.path("label").asInt(), source, family, source,
            TEST_FILES.contains(name) ? "test" : trainOrDev(text)));
      }
    }
    if (generated != null) {
      List<JsonNode> gen = new ArrayList<>();
      for (String line : Files.readAllLines(generated, StandardCharsets.UTF_8)) {
        gen.add(MAPPER.readTree(line));
      }
      Set<String> heldOut = heldOutGenerators(gen);
      for (JsonNode g : gen) {
        String text = g.path("text").asText();
        String generator = g.path("generator").asText();
        boolean test = heldOut.contains(generator) || generator.endsWith("@test");
        ObjectNode r = row(text, g.path("label").asInt(), "generated", g.path("family").asText(),
            generator, test ? "test" : trainOrDev(text));
        r.put("lang", g.path("lang").asText("en"));
        rows.add(r);
      }
    }
    Files.createDirectories(out);
    Map<String, int[]> counts = new TreeMap<>();
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("rows.jsonl"), StandardCharsets.UTF_8)) {
      for (JsonNode r : rows) {
        ObjectNode o = (ObjectNode) r;
        String view = normalizer.normalize(o.path("text").asText()).primary().text();
        WordPieceTokenizer.Tokens tokens = tokenizer.tokenize(view);
        int n = Math.min(tokens.size(), MAX_TOKENS);
        if (n == 0) {
          continue;
        }
        o.putArray("ids").addAll(IntStream.range(0, n)
            .mapToObj(i -> o.numberNode(tokens.id(i))).toList());
        o.put("tokens", tokens.size());
        w.write(MAPPER.writeValueAsString(o));
        w.newLine();
        int[] c = counts.computeIfAbsent(o.path("split").asText() + " " + o.path("source").asText(),
            k -> new int[2]);
        c[o.path("label").asInt()]++;
      }
    }
    counts.forEach((k, c) -> System.out.printf(Locale.ROOT, "%-60s benign %6d attack %6d%n", k, c[0], c[1]));
  }

  /**
   * One generator per family held out for testing: the last in name order among the family's
   * generators that do not already belong to the test pool of harmful requests.
   */
  static Set<String> heldOutGenerators(List<JsonNode> generated) {
    Map<String, TreeSet<String>> byFamily = new TreeMap<>();
    for (JsonNode g : generated) {
      String generator = g.path("generator").asText();
      if (!generator.endsWith("@test")) {
        byFamily.computeIfAbsent(g.path("family").asText(), f -> new TreeSet<>()).add(generator);
      }
    }
    Set<String> held = new TreeSet<>();
    byFamily.values().forEach(gens -> {
      if (gens.size() > 1) {
        held.add(gens.last());
      }
    });
    return held;
  }

  private static String trainOrDev(String text) {
    return Math.floorMod((text + "#dev").hashCode(), 10) == 0 ? "dev" : "train";
  }

  private static ObjectNode row(String text, int label, String source, String family,
      String generator, String split) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("text", text);
    o.put("label", label);
    o.put("source", source);
    o.put("family", family);
    o.put("generator", generator);
    o.put("split", split);
    return o;
  }
}
