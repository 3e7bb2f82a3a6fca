package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Sensitivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The false-positive cost of decoding every encoded run (issue 14, item 5): the generated benign
 * set of {@link BenignEncodedPrompts} (20 prompts of each of 15 kinds, seed {@value #SEED})
 * through the default engine at low, medium and high sensitivity. Figures go to {@code
 * target/eval/benign_encoded.md}; the build fails when more than one prompt is flagged at medium
 * (none is today).
 */
class BenignEncodedPromptsTest {
  static final long SEED = 20261204L;
  private static final Sensitivity[] LEVELS = {Sensitivity.LOW, Sensitivity.MEDIUM, Sensitivity.HIGH};

  @Test
  void benignEncodedPayloadsAreRarelyFlagged() throws IOException {
    List<BenignEncodedPrompts.Prompt> prompts = new BenignEncodedPrompts(SEED).generate(20);
    EmbeddedScanner scanner = EmbeddedScanner.create();
    Map<String, int[]> flagged = new LinkedHashMap<>();
    Map<String, Integer> rows = new LinkedHashMap<>();
    Map<String, Double> max = new LinkedHashMap<>();
    int[] total = new int[LEVELS.length];
    StringBuilder examples = new StringBuilder();
    for (BenignEncodedPrompts.Prompt p : prompts) {
      rows.merge(p.kind(), 1, Integer::sum);
      int[] f = flagged.computeIfAbsent(p.kind(), k -> new int[LEVELS.length]);
      for (int l = 0; l < LEVELS.length; l++) {
        ScanResponse r = scanner.scan(ScanRequest.of(p.text(),
            ScanOptions.builder().sensitivity(LEVELS[l]).build()));
        max.merge(p.kind(), r.injection(), Math::max);
        max.merge("**all**", r.injection(), Math::max);
        if (!r.safe()) {
          f[l]++;
          total[l]++;
          if (LEVELS[l] == Sensitivity.MEDIUM) {
            examples.append("- ").append(p.kind()).append(": injection ").append(r.injection())
                .append(", ").append(r.findings().stream().map(x -> x.category()).distinct().toList())
                .append('\n');
          }
        }
      }
    }
    StringBuilder md = new StringBuilder("| kind | rows | FPR low | FPR medium | FPR high | max injection |\n|---|---|---|---|---|---|\n");
    flagged.forEach((kind, f) -> md.append(row(kind, rows.get(kind), f, max.get(kind))));
    md.append(row("**all**", prompts.size(), total, max.get("**all**"))).append('\n').append(examples);
    Path out = Paths.get("target", "eval", "benign_encoded.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
    assertThat(total[1]).as("benign prompts flagged at medium, of %d", prompts.size()).isLessThanOrEqualTo(1);
  }

  private static String row(String kind, int rows, int[] f, double max) {
    StringBuilder b = new StringBuilder("| ").append(kind).append(" | ").append(rows);
    for (int x : f) {
      b.append(String.format(Locale.ROOT, " | %.2f%%", 100.0 * x / rows));
    }
    return b.append(String.format(Locale.ROOT, " | %.1f |%n", max)).toString();
  }
}
