package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test-only: ways to cut a text into chunks, and a stream run that checks the guard's invariants on every call. */
public final class Streams {
  private Streams() {}

  /**
   * Feeds {@code chunks} to {@code guard}, then finishes unless it stopped, asserting on each call
   * that it holds at most {@link StreamGuard#maxBuffered()}, holds back no position whose hold-back
   * has arrived, releases nothing after a stop, and never splits a surrogate pair between two releases.
   */
  public static WholeText.Outcome run(StreamGuard guard, List<String> chunks) {
    StringBuilder out = new StringBuilder();
    List<OutputFinding> findings = new ArrayList<>();
    for (String chunk : chunks) {
      StreamGuard.Release release = guard.accept(chunk);
      collect(release, out, findings);
      if (release.stop()) {
        return new WholeText.Outcome(out.toString(), findings, true);
      }
      assertThat(guard.buffered()).isLessThanOrEqualTo(guard.maxBuffered());
      assertThat(guard.held()).as("characters held").isLessThanOrEqualTo(guard.holdBack());
    }
    StreamGuard.Release last = guard.finish();
    collect(last, out, findings);
    return new WholeText.Outcome(out.toString(), findings, last.stop());
  }

  private static void collect(StreamGuard.Release release, StringBuilder out, List<OutputFinding> findings) {
    if (!release.text().isEmpty() && out.length() > 0) {
      assertThat(Character.isHighSurrogate(out.charAt(out.length() - 1)) && Character.isLowSurrogate(release.text().charAt(0)))
          .as("a surrogate pair split between releases").isFalse();
    }
    out.append(release.text());
    findings.addAll(release.findings());
  }

  /** One character per chunk. */
  public static List<String> ones(String text) {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      chunks.add(text.substring(i, i + 1));
    }
    return chunks;
  }

  /** Chunks of 0 to {@code maxSize} characters (empty ones included). */
  public static List<String> random(String text, Random random, int maxSize) {
    List<String> chunks = new ArrayList<>();
    for (int at = 0; at < text.length(); ) {
      int size = Math.min(random.nextInt(maxSize + 1), text.length() - at);
      chunks.add(text.substring(at, at + size));
      at += size;
    }
    return chunks;
  }

  /** Cut at each of {@code cuts} (positions in the text; out-of-range ones and repeats ignored). */
  public static List<String> at(String text, List<Integer> cuts) {
    List<String> chunks = new ArrayList<>();
    int from = 0;
    for (int cut : cuts.stream().filter(c -> c > 0 && c < text.length()).sorted().distinct().toList()) {
      chunks.add(text.substring(from, cut));
      from = cut;
    }
    chunks.add(text.substring(from));
    return chunks;
  }

  /** Cuts at every start and end of a finding, and one character either side. */
  public static List<String> aligned(String text, List<OutputFinding> findings) {
    List<Integer> cuts = new ArrayList<>();
    for (OutputFinding finding : findings) {
      for (int edge : new int[] {finding.start(), finding.end()}) {
        cuts.add(edge - 1);
        cuts.add(edge);
        cuts.add(edge + 1);
      }
    }
    return at(text, cuts);
  }
}
