package com.lockllm.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The test oracle: what a stream must come to, computed on the whole text at once. Each check reads
 * the whole text; overlapping matches of different checks go to the one that starts first, then
 * the longer, then the earlier check.
 */
public final class WholeText {
  private WholeText() {}

  /** The released text, the findings reported and whether the stream stops. */
  public record Outcome(String text, List<OutputFinding> findings, boolean stop) {}

  public static Outcome expected(List<? extends OutputCheck> checks, OutputActions actions, String text) {
    record Ranked(OutputFinding finding, int check) {}
    List<Ranked> all = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      for (OutputFinding finding : checks.get(i).find(text)) {
        all.add(new Ranked(finding, i));
      }
    }
    all.sort(Comparator.comparingInt((Ranked r) -> r.finding().start())
        .thenComparing(Comparator.comparingInt((Ranked r) -> r.finding().end()).reversed())
        .thenComparingInt(Ranked::check));
    StringBuilder out = new StringBuilder();
    List<OutputFinding> findings = new ArrayList<>();
    int at = 0;
    for (Ranked ranked : all) {
      OutputFinding finding = ranked.finding();
      if (finding.start() < at) {
        continue;
      }
      findings.add(finding);
      out.append(text, at, finding.start());
      switch (actions.actionFor(finding, text.substring(finding.start(), finding.end()))) {
        case BLOCK -> {
          return new Outcome(out.toString(), findings, true);
        }
        case STRIP -> out.append(finding.replacement());
        case WARN -> out.append(text, finding.start(), finding.end());
      }
      at = finding.end();
    }
    out.append(text, at, text.length());
    return new Outcome(out.toString(), findings, false);
  }
}
