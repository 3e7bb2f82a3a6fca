package com.lockllm.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Checks one streamed text channel chunk by chunk and decides what of it may reach the client. A
 * stream has one guard per channel (the answer text, each tool call's arguments, the reasoning
 * text). Not thread-safe: a channel's chunks come in order, from one thread at a time.
 *
 * <p>{@link #accept} appends a chunk and releases the text that no match can still reach: a
 * position is released once every check has decided every match that could contain it ({@link
 * OutputCheck#undecided}), so prose goes out as it arrives with checks that know their shapes, and
 * only a possible match (a key not yet ended, an open markdown link) is held. Whatever a check says,
 * a position is decided once the {@link #holdBack()} characters from it have arrived (the longest
 * match and the character after it): nothing is held longer. Text is never cut inside a match nor
 * between the halves of a surrogate pair; {@link #finish} checks and releases the rest. The
 * released text is, for every way of cutting the text into chunks (one character at a time
 * included), the text as checked in one piece: matches replaced under {@link OutputAction#STRIP},
 * left under {@link OutputAction#WARN}, and under {@link OutputAction#BLOCK} the text ends before
 * the first character of the match.
 *
 * <p>As in one piece, each check's matches are taken left to right, and where matches of different
 * checks overlap the one that starts first wins (then the longer, then the earlier check). A check
 * reads the text with {@link OutputCheck#find(CharSequence, int)} from where its previous match
 * ended, or from the first position it had not decided, with its {@link OutputCheck#lookBehind()}
 * characters before it as context. For this to hold, a check must be resumable: from a position no
 * match of the whole text straddles, {@code find(text, from)} reports the whole text's matches from
 * there, reading at most {@code lookBehind} characters before it (lookbehinds, a leading {@code
 * \b}, a line start).
 *
 * <p>Memory: between calls the guard holds at most {@link #maxBuffered()} characters ({@link
 * #buffered()}): the hold-back and each check's lookbehind context; during a call, that plus the
 * chunk.
 */
public final class StreamGuard {
  private static final Comparator<Candidate> MERGE_ORDER = Comparator.comparingInt((Candidate c) -> c.finding().start())
      .thenComparing(Comparator.comparingInt((Candidate c) -> c.finding().end()).reversed())
      .thenComparingInt(Candidate::check);

  private final List<OutputCheck> checks;
  private final OutputActions actions;
  private final int holdBack;
  private final int[] lookBehind;
  private final int maxBuffered;
  /** the text from {@link #base} on: not yet released, or still to be read by a check (or read before its resume point) */
  private final StringBuilder buffer = new StringBuilder();
  private long base;
  private long released;
  /** per check: where its next read starts (its previous match's end, or the first position it had not decided) */
  private final long[] resume;
  private boolean ended;

  /**
   * A guard whose worst-case hold-back is the largest {@link OutputCheck#maxSpan()} of {@code
   * checks} plus one character (for a check that looks one character past its match); {@code
   * actions} says what each finding gets.
   */
  public StreamGuard(List<? extends OutputCheck> checks, OutputActions actions) {
    this(checks, actions, minimumHoldBack(checks));
  }

  /**
   * A guard that holds a position back until at most {@code holdBack} characters from it have arrived.
   *
   * @throws IllegalArgumentException if {@code holdBack} is less than the largest {@link
   *     OutputCheck#maxSpan()} plus one, where a match split across chunks could be missed, or a
   *     check's lookbehind is negative
   */
  public StreamGuard(List<? extends OutputCheck> checks, OutputActions actions, int holdBack) {
    this.checks = List.copyOf(checks);
    this.actions = Objects.requireNonNull(actions, "actions");
    int minimum = minimumHoldBack(this.checks);
    if (holdBack < minimum) {
      throw new IllegalArgumentException("hold-back " + holdBack + " is below " + minimum + ", the longest match plus one");
    }
    this.holdBack = holdBack;
    this.lookBehind = new int[this.checks.size()];
    int context = 0;
    for (int i = 0; i < lookBehind.length; i++) {
      lookBehind[i] = this.checks.get(i).lookBehind();
      if (lookBehind[i] < 0) {
        throw new IllegalArgumentException("lookBehind of " + this.checks.get(i) + " is " + lookBehind[i] + ", negative");
      }
      context = Math.max(context, lookBehind[i]);
    }
    this.maxBuffered = Math.addExact(holdBack, context);
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

  /**
   * The most characters from a position that can arrive before it is released: the worst case,
   * when every check leaves it undecided.
   */
  public int holdBack() {
    return holdBack;
  }

  /** The most characters this guard holds between calls: {@link #holdBack()} plus the largest {@link OutputCheck#lookBehind()}. */
  public int maxBuffered() {
    return maxBuffered;
  }

  /** The characters this guard holds now: not yet released, or released and still to be read by a check (for metrics). */
  public int buffered() {
    return buffer.length();
  }

  /** The characters received and not yet released: the delay this guard adds now, in characters (for metrics); at most {@link #holdBack()}. */
  public int held() {
    return Math.toIntExact(base + buffer.length() - released);
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
    int length = buffer.length();
    // a match starting before this index has all the text it depends on, whatever its check says
    int forced = last ? length : Math.max(0, length - holdBack + 1);
    List<List<OutputFinding>> found = new ArrayList<>(checks.size());
    long[] frontier = new long[checks.size()];
    // the first position where some check has not decided its matches
    long decided = base + length;
    for (int i = 0; i < checks.size(); i++) {
      OutputCheck check = checks.get(i);
      int from = index(resume[i]);
      int undecided = last ? length : Math.min(length, Math.max(Math.max(from, forced), check.undecided(buffer, from)));
      List<OutputFinding> mine = new ArrayList<>();
      int end = undecided;
      // nothing decided since the last call (a key still arriving): no match to read
      for (OutputFinding f : undecided > from ? check.find(buffer, from) : List.<OutputFinding>of()) {
        if (f.start() >= undecided) {
          break;
        }
        mine.add(f);
        end = Math.max(end, f.end());
      }
      found.add(mine);
      frontier[i] = base + end;
      decided = Math.min(decided, frontier[i]);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      resume[i] = frontier[i];
      for (OutputFinding f : found.get(i)) {
        long start = base + f.start();
        // another check may still find a match that starts before this one: read it again next time
        if (start >= decided) {
          resume[i] = start;
          break;
        }
        candidates.add(new Candidate(new OutputFinding(f.type(), Math.toIntExact(start), Math.toIntExact(base + f.end()), f.replacement()), i));
      }
    }
    candidates.sort(MERGE_ORDER);
    StringBuilder text = new StringBuilder();
    List<OutputFinding> findings = new ArrayList<>();
    for (Candidate candidate : candidates) {
      OutputFinding finding = candidate.finding();
      if (finding.start() < released) {
        continue;
      }
      String matched = buffer.substring(index(finding.start()), index(finding.end()));
      OutputAction action = Objects.requireNonNull(actions.actionFor(finding, matched), "action");
      findings.add(finding);
      text.append(buffer, index(released), index(finding.start()));
      if (action == OutputAction.BLOCK) {
        ended = true;
        return new Release(text.toString(), findings, true);
      }
      text.append(action == OutputAction.STRIP ? finding.replacement() : matched);
      released = finding.end();
    }
    long releasable = Math.max(decided, released);
    if (!last && releasable > released && Character.isHighSurrogate(buffer.charAt(index(releasable - 1)))) {
      releasable--;
    }
    if (releasable > released) {
      text.append(buffer, index(released), index(releasable));
      released = releasable;
    }
    long keepFrom = released;
    for (int i = 0; i < checks.size(); i++) {
      keepFrom = Math.min(keepFrom, resume[i] - lookBehind[i]);
    }
    keepFrom = Math.max(keepFrom, base);
    buffer.delete(0, index(keepFrom));
    base = keepFrom;
    return new Release(text.toString(), findings, false);
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
