package com.lockllm.engine.normalize;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Turns raw prompt text into a {@link NormalizedText}: the primary view (NFKC; zero-width, bidi,
 * variation-selector and tag characters removed; look-alike letters of other scripts folded to
 * Latin inside Latin words; diacritics stripped; lower case; whitespace collapsed) plus decoded
 * views of leetspeak, rot13, base64, hex, URL-encoded and tag-character text, a respelled view
 * (escapes decoded, markdown inside words, separated and doubled letters), a corrected one
 * (misspelt trigger words; see {@link Respeller} for both) and a reversed one (see {@link
 * Reversal}), each scanned like the primary one. These three exist only when a cheap pass finds
 * their pattern.
 *
 * <p>Every encoded run is decoded, whole, and decoded text is searched for further runs (nesting
 * to any depth), until the decoded text totals {@value #DECODE_BUDGET_FACTOR} times the input:
 * base64 shrinks text by a quarter, hex by half, so only deliberate layering reaches that. What
 * the budget leaves undecoded is reported ({@link NormalizedText#undecodedChars()}) so that the
 * detectors count it as evidence instead of skipping it. The first {@value #MAX_RUN_VIEWS} decoded
 * runs get a view each; the text of further runs is appended, a line per run, to one view per
 * encoding, each character mapped to its own run. Work is linear in the input. Thread-safe.
 */
public final class Normalizer {
  static final int MAX_RUN_VIEWS = 32;
  static final int DECODE_BUDGET_FACTOR = 2;
  private static final Normalizer DEFAULT = new Normalizer();

  private Normalizer() {}

  /** The normalizer; it holds no state, so one instance serves everyone. */
  public static Normalizer create() {
    return DEFAULT;
  }

  public NormalizedText normalize(String text) {
    return normalize(text, 0, text.length());
  }

  /** Normalizes {@code text[from, to)}; view positions map to indices of the whole {@code text}. */
  public NormalizedText normalize(String text, int from, int to) {
    Objects.checkFromToIndex(from, to, text.length());
    BitSet altered = new BitSet();
    Folder.TagRuns tags = new Folder.TagRuns();
    MappedBuilder folded = Folder.fold(text, from, to, altered, from, tags);
    List<NormalizedText.View> views = new ArrayList<>(4);
    NormalizedText.View primary = folded.length() == 0
        ? folded.toView(NormalizedText.Kind.PRIMARY, from, from)
        : folded.toView(NormalizedText.Kind.PRIMARY);
    views.add(primary);
    String leet = Leetspeak.fold(primary.text());
    if (leet != null) {
      views.add(primary.withText(NormalizedText.Kind.LEETSPEAK, leet));
    }
    String rot13 = Rot13.decodeIfLikely(primary.text());
    if (rot13 != null) {
      views.add(primary.withText(NormalizedText.Kind.ROT13, rot13));
    }
    // An empty view would map to no span of the range; such text has nothing to read anyway.
    MappedBuilder respelled = Respeller.respell(folded);
    if (respelled != folded && respelled.length() > 0) {
      views.add(respelled.toView(NormalizedText.Kind.RESPELLED));
    }
    MappedBuilder corrected = Respeller.correctTriggers(respelled);
    if (corrected != respelled && corrected.length() > 0) {
      views.add(corrected.toView(NormalizedText.Kind.CORRECTED));
    }
    if (folded.length() > 0 && Reversal.likely(text, from, to, folded)) {
      views.add(Reversal.reverse(folded).toView(NormalizedText.Kind.REVERSED));
    }
    for (int[] run : tags.runs()) {
      MappedBuilder b = Folder.fold(tags.text(run), 0, run[3] - run[2], null, 0, null);
      views.add(b.toView(NormalizedText.Kind.TAG_CHARACTERS, run[0], run[1]));
    }
    Decoding decoding = new Decoding(views, (long) DECODE_BUDGET_FACTOR * (to - from));
    decoding.run(text, from, to);
    return new NormalizedText(text, from, to, views, altered,
        decoding.undecodedStart, decoding.undecodedEnd, decoding.undecodedChars());
  }

  /** The decoding of one normalization: a queue of texts to search for encoded runs. */
  private static final class Decoding {
    private static final Decoders.Encoding[] ENCODINGS = Decoders.Encoding.values();

    private final List<NormalizedText.View> views;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final MappedBuilder[] overflow = new MappedBuilder[ENCODINGS.length];
    private long budget;
    private int runViews;
    private long undecoded;
    int undecodedStart = -1;
    int undecodedEnd = -1;

    Decoding(List<NormalizedText.View> views, long budget) {
      this.views = views;
      this.budget = budget;
    }

    /**
     * A text to search: {@code text[from, to)}; decoded text maps to {@code [spanStart,
     * spanEnd)} of the original (the outermost run), the original itself has {@code spanStart} -1.
     */
    private record Item(String text, int from, int to, int spanStart, int spanEnd) {}

    void run(String text, int from, int to) {
      queue.add(new Item(text, from, to, -1, -1));
      while (!queue.isEmpty()) {
        Item item = queue.poll();
        for (Decoders.Encoding encoding : ENCODINGS) {
          encoding.findRuns(item.text(), item.from(), item.to(), (start, end) -> {
            run(encoding, item, start, end);
            return true;
          });
        }
      }
      for (int e = 0; e < ENCODINGS.length; e++) {
        if (overflow[e] != null) {
          views.add(overflow[e].toView(ENCODINGS[e].kind));
        }
      }
    }

    private void run(Decoders.Encoding encoding, Item item, int start, int end) {
      String s = item.text();
      int spanStart = item.spanStart() < 0 ? start : item.spanStart();
      int spanEnd = item.spanStart() < 0 ? end : item.spanEnd();
      if (budget <= 0) {
        if (encoding.plausible(s, start, end)) {
          leftUndecoded(spanStart, spanEnd, end - start);
        }
        return;
      }
      // A run that starts where a window of a longer text starts was cut there: its alignment
      // is unknown.
      boolean cut = item.spanStart() < 0 && start == item.from() && start > 0
          && !Character.isWhitespace(s.charAt(start - 1));
      String decoded = cut ? encoding.decodeCut(s, start, end) : encoding.decode(s, start, end);
      if (decoded == null) {
        return;
      }
      if (decoded.length() > budget) {
        int keep = (int) budget;
        if (Character.isHighSurrogate(decoded.charAt(keep - 1))) {
          keep--;
        }
        long encodedLeft = (long) (end - start) * (decoded.length() - keep) / decoded.length();
        leftUndecoded(spanStart, spanEnd, Math.max(1, encodedLeft));
        decoded = decoded.substring(0, keep);
        budget = 0;
        if (decoded.isEmpty()) {
          return;
        }
      } else {
        budget -= decoded.length();
      }
      MappedBuilder folded = Folder.fold(decoded, 0, decoded.length(), null, 0, null);
      if (runViews < MAX_RUN_VIEWS) {
        runViews++;
        views.add(folded.toView(encoding.kind, spanStart, spanEnd));
      } else {
        MappedBuilder b = overflow[encoding.ordinal()];
        if (b == null) {
          b = overflow[encoding.ordinal()] = new MappedBuilder(folded.length());
        } else {
          b.append('\n', spanStart, spanEnd);
        }
        for (int i = 0; i < folded.length(); i++) {
          b.append(folded.charAt(i), spanStart, spanEnd);
        }
      }
      queue.add(new Item(decoded, 0, decoded.length(), spanStart, spanEnd));
    }

    private void leftUndecoded(int start, int end, long chars) {
      undecoded += chars;
      undecodedStart = undecodedStart < 0 ? start : Math.min(undecodedStart, start);
      undecodedEnd = Math.max(undecodedEnd, end);
    }

    int undecodedChars() {
      return (int) Math.min(Integer.MAX_VALUE, undecoded);
    }
  }
}
