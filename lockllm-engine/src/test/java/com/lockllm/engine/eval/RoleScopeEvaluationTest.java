package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.scan.PromptSegment;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The false-positive cost of scanning what the model reads besides the user's turn (issue 14,
 * scan scope): the generated {@link RolePrompts} set (300 system prompts, 28 tool definitions, 20
 * assistant turns, 400 whole conversations, seed {@value #SEED}) and, when the shared datasets are
 * there (always under {@code CI=true}), the 219 awesome-chatgpt-prompts role prompts as system prompts, through the default
 * engine at low, medium and high. Figures go to {@code target/eval/roles.md}; the build fails
 * above 0.5% at medium for any group (none is flagged today: one request of 219 or 300, two of
 * 400).
 */
class RoleScopeEvaluationTest {
  static final long SEED = 20261204L;
  private static final Sensitivity[] LEVELS = {Sensitivity.LOW, Sensitivity.MEDIUM, Sensitivity.HIGH};
  private static final EmbeddedScanner SCANNER = EmbeddedScanner.create();

  @Test
  void benignSystemPromptsToolDefinitionsAndAssistantTurnsAreRarelyFlagged() throws IOException {
    RolePrompts gen = new RolePrompts(SEED);
    List<String> systems = gen.systemPrompts(300);
    Map<String, List<List<PromptSegment>>> groups = new LinkedHashMap<>();
    groups.put("system prompts (generated)", single("system", systems));
    List<String> awesome = awesome();
    if (!awesome.isEmpty()) {
      groups.put("system prompts (awesome-chatgpt-prompts)", single("system", awesome));
    }
    List<List<PromptSegment>> tools = new ArrayList<>();
    for (List<String> t : RolePrompts.toolDefinitions()) {
      tools.add(t.stream().map(s -> segment("tool_definition", s)).toList());
    }
    groups.put("tool definitions", tools);
    groups.put("assistant turns", single("assistant", List.of(RolePrompts.ASSISTANT)));
    groups.put("user turns", single("user", List.of(RolePrompts.USER)));
    List<String> convSystems = new ArrayList<>(systems);
    convSystems.addAll(awesome);
    List<List<PromptSegment>> conversations = new ArrayList<>();
    for (List<RolePrompts.Segment> c : gen.conversations(400, convSystems)) {
      conversations.add(c.stream().map(s -> segment(s.role(), s.text())).toList());
    }
    groups.put("conversations", conversations);

    StringBuilder md = new StringBuilder(
        "| group | requests | FPR low | FPR medium | FPR high |\n|---|---|---|---|---|\n");
    StringBuilder flaggedAtMedium = new StringBuilder();
    Map<String, Double> mediumFpr = new LinkedHashMap<>();
    for (var g : groups.entrySet()) {
      int[] flagged = new int[LEVELS.length];
      for (List<PromptSegment> request : g.getValue()) {
        for (int l = 0; l < LEVELS.length; l++) {
          ScanResponse r = SCANNER.scan(ScanRequest.of(request,
              ScanOptions.builder().sensitivity(LEVELS[l]).build()));
          if (!r.safe()) {
            flagged[l]++;
            if (LEVELS[l] == Sensitivity.MEDIUM) {
              String input = ScanRequest.of(request, ScanOptions.defaults()).input();
              flaggedAtMedium.append("- ").append(g.getKey()).append(" (").append(r.injection()).append("): ")
                  .append(r.findings().stream()
                      .map(f -> f.category() + " `" + input.substring(f.start(), Math.min(f.end(), f.start() + 90))
                          .replace('\n', ' ') + "`")
                      .distinct().toList())
                  .append('\n');
            }
          }
        }
      }
      int n = g.getValue().size();
      md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% | %.2f%% | %.2f%% |%n", g.getKey(), n,
          100.0 * flagged[0] / n, 100.0 * flagged[1] / n, 100.0 * flagged[2] / n));
      mediumFpr.put(g.getKey(), 100.0 * flagged[1] / n);
    }
    md.append("\nFlagged at medium:\n").append(flaggedAtMedium);
    Path out = Paths.get("target", "eval", "roles.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
    mediumFpr.forEach((group, fpr) -> assertThat(fpr).as("medium FPR of %s, %%", group).isLessThanOrEqualTo(0.5));
  }

  /**
   * Attack recall with the attack in the system slot (an attacker who controls it, as a gateway
   * client does) against the same attack as the user turn, on the attack files the lexical model
   * was not trained on. Figures go to {@code target/eval/roles-attacks.md}.
   */
  @Test
  void clearAttacksInTheSystemSlotAreStillCaught() throws IOException {
    Path datasets = SharedDatasets.dir();
    EmbeddedScanner roleBlind = EmbeddedScanner.builder().roleAware(false).build();
    StringBuilder md = new StringBuilder("| file | attacks | TPR medium as user | as system, role-blind | as system, role-aware "
        + "| TPR low as user | as system, role-aware |\n|---|---|---|---|---|---|---|\n");
    Map<String, int[]> recall = new LinkedHashMap<>();
    for (String file : List.of("giskard_prompt_injections", "gptfuzz_jailbreak_templates", "deepset_prompt_injections")) {
      List<String> attacks = rows(datasets.resolve(file + ".jsonl"), 1);
      int[] hits = new int[5];
      for (String a : attacks) {
        hits[0] += flagged(SCANNER, "user", a, Sensitivity.MEDIUM);
        hits[1] += flagged(roleBlind, "system", a, Sensitivity.MEDIUM);
        hits[2] += flagged(SCANNER, "system", a, Sensitivity.MEDIUM);
        hits[3] += flagged(SCANNER, "user", a, Sensitivity.LOW);
        hits[4] += flagged(SCANNER, "system", a, Sensitivity.LOW);
      }
      md.append("| ").append(file).append(" | ").append(attacks.size());
      for (int h : hits) {
        md.append(String.format(Locale.ROOT, " | %.2f%%", 100.0 * h / attacks.size()));
      }
      md.append(" |\n");
      recall.put(file, hits);
    }
    Path out = Paths.get("target", "eval", "roles-attacks.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
    // The system slot is judged one step less strictly, with its guarded clauses blanked: compare
    // with the user turn at low, the level of clear attacks.
    recall.forEach((file, hits) -> assertThat(hits[2]).as("%s: recall in the system slot at medium", file)
        .isGreaterThanOrEqualTo(hits[3] * 7 / 10));
  }

  private static int flagged(EmbeddedScanner scanner, String role, String text, Sensitivity sensitivity) {
    return scanner.scan(ScanRequest.of(List.of(segment(role, text)),
        ScanOptions.builder().sensitivity(sensitivity).build())).safe() ? 0 : 1;
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

  private static PromptSegment segment(String role, String text) {
    return new PromptSegment(role, text, null, -1, -1);
  }

  private static List<List<PromptSegment>> single(String role, List<String> texts) {
    return texts.stream().map(t -> List.of(segment(role, t))).toList();
  }

  static List<String> awesome() throws IOException {
    Path file = SharedDatasets.optionalFile("awesome_chatgpt_prompts_benign.jsonl");
    List<String> out = new ArrayList<>();
    if (file == null) {
      return out;
    }
    ObjectMapper mapper = new ObjectMapper();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode row = mapper.readTree(line);
        out.add(row.get("text").asText());
      }
    }
    return out;
  }
}
