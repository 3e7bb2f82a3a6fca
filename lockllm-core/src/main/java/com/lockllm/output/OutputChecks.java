package com.lockllm.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several {@link OutputCheck}s applied as one: their findings merged so that none overlap (the
 * earliest start wins, then the longest match), and {@link #redact} to write the redacted text.
 */
public final class OutputChecks implements OutputCheck {
  private static final Comparator<OutputFinding> EARLIEST_THEN_LONGEST =
      Comparator.comparingInt(OutputFinding::start).thenComparing(Comparator.comparingInt(OutputFinding::end).reversed());

  private final List<OutputCheck> checks;
  private final int maxSpan;
  private final int lookBehind;

  private OutputChecks(List<OutputCheck> checks) {
    this.checks = List.copyOf(checks);
    this.maxSpan = this.checks.stream().mapToInt(OutputCheck::maxSpan).max().orElse(0);
    this.lookBehind = this.checks.stream().mapToInt(OutputCheck::lookBehind).max().orElse(0);
  }

  /** The checks applied as one; an empty list finds nothing. */
  public static OutputChecks of(List<? extends OutputCheck> checks) {
    return new OutputChecks(List.copyOf(checks));
  }

  @Override
  public List<OutputFinding> find(CharSequence text) {
    List<OutputFinding> all = new ArrayList<>();
    for (OutputCheck check : checks) {
      all.addAll(check.find(text));
    }
    return merge(all);
  }

  @Override
  public List<OutputFinding> find(CharSequence text, int from) {
    List<OutputFinding> all = new ArrayList<>();
    for (OutputCheck check : checks) {
      all.addAll(check.find(text, from));
    }
    return merge(all);
  }

  @Override
  public int maxSpan() {
    return maxSpan;
  }

  @Override
  public int lookBehind() {
    return lookBehind;
  }

  /** The earliest of the checks' undecided positions: a match before it, whichever check found it, is final, so is whether it overlaps another. */
  @Override
  public int undecided(CharSequence text, int from) {
    int undecided = text.length();
    for (OutputCheck check : checks) {
      undecided = Math.min(undecided, check.undecided(text, from));
    }
    return Math.max(from, undecided);
  }

  /**
   * {@code text} with each finding replaced by its replacement.
   *
   * @throws IllegalArgumentException if the findings are out of order, overlap or lie outside the text
   */
  public static String redact(String text, List<OutputFinding> findings) {
    StringBuilder out = new StringBuilder(text.length());
    int done = 0;
    for (OutputFinding f : findings) {
      if (f.start() < done || f.end() < f.start() || f.end() > text.length()) {
        throw new IllegalArgumentException("findings must be in order, not overlapping and inside the text: " + f);
      }
      out.append(text, done, f.start()).append(f.replacement());
      done = f.end();
    }
    return out.append(text, done, text.length()).toString();
  }

  /**
   * The candidates without overlaps: sorted by start, a longer match before a shorter one at the same
   * start, each dropped where it overlaps one kept before it.
   */
  static List<OutputFinding> merge(List<OutputFinding> candidates) {
    List<OutputFinding> sorted = new ArrayList<>(candidates);
    sorted.sort(EARLIEST_THEN_LONGEST);
    List<OutputFinding> kept = new ArrayList<>(sorted.size());
    int end = 0;
    for (OutputFinding f : sorted) {
      if (f.start() >= end) {
        kept.add(f);
        end = f.end();
      }
    }
    return kept;
  }
}
