package com.lockllm.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks one streamed text channel chunk by chunk and decides what of it may reach the client. A
 * stream has one guard per channel (the answer text, each tool call's arguments, the reasoning
 * text). Not thread-safe: a channel's chunks come in order, from one thread at a time.
 *
 * <p>{@link #accept} appends a chunk and releases the text that can no longer be part of a match
 * not yet ended. A position is decided once the {@link #holdBack()} characters from it have arrived
 * (the longest match and the character after it), so all but the last {@code holdBack - 1}
 * characters are released, never cut inside a match nor between the halves of a surrogate pair;
 * {@link #finish} checks and releases the rest. No character is released before every window that
 * can contain it has been checked, so the released text is, for every way of cutting the text into
 * chunks (one character at a time included), the text as checked in one piece: matches replaced
 * under {@link OutputAction#STRIP}, left under {@link OutputAction#WARN}, and under {@link
 * OutputAction#BLOCK} the text ends before the first character of the match.
 *
 * <p>As in one piece, each check's matches are taken left to right, and where matches of different
 * checks overlap the one that starts first wins (then the longer, then the earlier check). For this
 * to hold, a check must be local: whether a match starts at a position, and where it ends, depends
 * only on the {@code holdBack} characters from there, not on the text before it (no lookbehind, no
 * leading {@code \b}), because a check reads the text from where its previous match ended, or from
 * the first position not yet ruled out, as if the text began there.
 *
 * <p>Memory: between calls the guard holds at most {@code holdBack} characters ({@link
 * #buffered()}); during a call, that plus the chunk, and a copy of it while a check reads it.
 */
public final class StreamGuard {
  private static final Comparator<Candidate> MERGE_ORDER = Comparator.comparingInt((Candidate c) -> c.finding().start())
      .thenComparing(Comparator.comparingInt((Candidate c) -> c.finding().end()).reversed())
      .thenComparingInt(Candidate::check);

  private final List<OutputCheck> checks;
  private final Function<? super OutputFinding, OutputAction> actions;
  private final int holdBack;
  /** the text from {@link #base} on; everything before it has been released and read by every check */
  private final StringBuilder buffer = new StringBuilder();
  private long base;
  private long released;
  /** per check: where its next read starts (its previous match's end, or the first position not ruled out) */
  private final long[] resume;
  private boolean ended;

  /**
   * A guard holding back the largest {@link OutputCheck#maxSpan()} of {@code checks} plus one
   * character (for a check that looks one character past its match); {@code actions} says what
   * each finding gets.
   */
  public StreamGuard(List<? extends OutputCheck> checks, Function<? super OutputFinding, OutputAction> actions) {
    this(checks, actions, minimumHoldBack(checks));
  }

  /**
   * A guard holding back {@code holdBack} characters.
   *
   * @throws IllegalArgumentException if {@code holdBack} is less than the largest {@link
   *     OutputCheck#maxSpan()} plus one, where a match split across chunks could be missed
   */
  public StreamGuard(List<? extends OutputCheck> checks, Function<? super OutputFinding, OutputAction> actions, int holdBack) {
    this.checks = List.copyOf(checks);
    this.actions = Objects.requireNonNull(actions, "actions");
    int minimum = minimumHoldBack(this.checks);
    if (holdBack < minimum) {
      throw new IllegalArgumentException("hold-back " + holdBack + " is below " + minimum + ", the longest match plus one");
    }
    this.holdBack = holdBack;
    this.resume = new long[this.checks.size()];
  }

  private static int minimumHoldBack(List<? extends OutputCheck> checks) {
    int span = 0;
    for (OutputCheck check : checks) {
      if (check.maxSpan() < 1) {
        throw new IllegalArgumentException("maxSpan of " + check + " is " + check.maxSpan() + ", not positive");
      }
      span = Math.max(span, check.maxSpan());
    }
    return Math.addExact(span, 1);
  }

  /** How many characters from a position must have arrived before it is released. */
  public int holdBack() {
    return holdBack;
  }

  /** The characters this guard holds now: not yet released, or released and still to be read by a check (for metrics). */
  public int buffered() {
    return buffer.length();
  }

  /**
   * Appends {@code chunk} and releases what no match can still reach.
   *
   * @throws IllegalStateException after {@link #finish} or a release that stopped the stream
   */
  public Release accept(CharSequence chunk) {
    if (ended) {
      throw new IllegalStateException("the stream has ended");
    }
    buffer.append(Objects.requireNonNull(chunk, "chunk"));
    return advance(false);
  }

  /**
   * Ends the stream: checks and releases the text held back.
   *
   * @throws IllegalStateException after {@link #finish} or a release that stopped the stream
   */
  public Release finish() {
    if (ended) {
      throw new IllegalStateException("the stream has ended");
    }
    Release release = advance(true);
    ended = true;
    return release;
  }

  private Release advance(boolean last) {
    long end = base + buffer.length();
    // a match starting at or before this position has all the text it depends on
    long decidedUpTo = last ? end : end - holdBack;
    List<Candidate> candidates = new ArrayList<>();
    // the first position where some check may still find a match
    long undecided = end;
    for (int i = 0; i < checks.size(); i++) {
      if (resume[i] <= decidedUpTo) {
        read(i, decidedUpTo, candidates);
      }
      resume[i] = Math.max(resume[i], decidedUpTo + 1);
      undecided = Math.min(undecided, resume[i]);
    }
    candidates.sort(MERGE_ORDER);
    StringBuilder text = new StringBuilder();
    List<OutputFinding> findings = new ArrayList<>();
    for (Candidate candidate : candidates) {
      OutputFinding finding = candidate.finding();
      if (finding.start() < released) {
        continue;
      }
      OutputAction action = Objects.requireNonNull(actions.apply(finding), "action");
      findings.add(finding);
      text.append(buffer, index(released), index(finding.start()));
      if (action == OutputAction.BLOCK) {
        ended = true;
        return new Release(text.toString(), findings, true);
      }
      text.append(action == OutputAction.STRIP ? finding.replacement() : buffer.subSequence(index(finding.start()), index(finding.end())));
      released = finding.end();
    }
    long releasable = Math.max(undecided, released);
    if (!last && releasable > released && Character.isHighSurrogate(buffer.charAt(index(releasable - 1)))) {
      releasable--;
    }
    if (releasable > released) {
      text.append(buffer, index(released), index(releasable));
      released = releasable;
    }
    long keepFrom = Math.min(released, undecided);
    buffer.delete(0, index(keepFrom));
    base = keepFrom;
    return new Release(text.toString(), findings, false);
  }

  /** Check {@code i}'s matches from its resume point that start at or before {@code decidedUpTo}. */
  private void read(int i, long decidedUpTo, List<Candidate> candidates) {
    long from = resume[i];
    for (OutputFinding found : checks.get(i).find(buffer.substring(index(from)))) {
      long start = from + found.start();
      if (start > decidedUpTo) {
        break;
      }
      long matchEnd = from + found.end();
      candidates.add(new Candidate(new OutputFinding(found.type(), Math.toIntExact(start), Math.toIntExact(matchEnd), found.replacement()), i));
      resume[i] = matchEnd;
    }
  }

  private int index(long position) {
    return Math.toIntExact(position - base);
  }

  private record Candidate(OutputFinding finding, int check) {}

  /**
   * What one call lets through.
   *
   * @param text the text to send now (empty when nothing is released)
   * @param findings the matches decided in this call, in order, with their positions in the whole
   *     stream's text; under {@link OutputAction#BLOCK} the last is the one that stopped it
   * @param stop whether the stream must end now, after {@code text}
   */
  public record Release(String text, List<OutputFinding> findings, boolean stop) {
    public Release {
      Objects.requireNonNull(text, "text");
      findings = List.copyOf(findings);
    }
  }
}
