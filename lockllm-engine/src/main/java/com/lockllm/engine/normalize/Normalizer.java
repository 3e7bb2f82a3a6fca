package com.lockllm.engine.normalize;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Turns raw prompt text into a {@link NormalizedText}: the primary view (NFKC; zero-width, bidi,
 * variation-selector and tag characters removed; look-alike letters of other scripts folded to
 * Latin inside Latin words; diacritics stripped; lower case; whitespace collapsed) plus decoded
 * views of leetspeak, rot13, base64, hex, URL-encoded and tag-character text, each scanned like the
 * primary one.
 *
 * <p>Work is bounded: one pass for the primary view, letter-for-letter passes for leetspeak and
 * rot13, at most {@value #MAX_DECODE_ATTEMPTS} decode attempts, decoding nested at most {@value
 * #MAX_DEPTH} levels deep, and decoded text totalling at most twice the input. Thread-safe.
 */
public final class Normalizer {
  static final int MAX_DECODE_ATTEMPTS = 32;
  static final int MAX_DEPTH = 2;
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
    for (int[] run : tags.runs()) {
      MappedBuilder b = Folder.fold(tags.text(run), 0, run[3] - run[2], null, 0, null);
      views.add(b.toView(NormalizedText.Kind.TAG_CHARACTERS, run[0], run[1]));
    }
    Budget budget = new Budget(2L * (to - from));
    decode(text, from, to, -1, -1, 1, views, budget);
    return new NormalizedText(text, from, to, views, altered);
  }

  /**
   * Adds a view for each readable encoded run in {@code s[from, to)}, mapped to the run's own span
   * or, when nested inside an outer decoded run, to that outer span.
   */
  private static void decode(
      String s, int from, int to, int spanStart, int spanEnd, int depth,
      List<NormalizedText.View> views, Budget budget) {
    for (Decoders.Encoding encoding : Decoders.Encoding.values()) {
      List<int[]> runs = new ArrayList<>();
      encoding.findRuns(s, from, to, (start, end) -> {
        runs.add(new int[] {start, end});
        return runs.size() < MAX_DECODE_ATTEMPTS;
      });
      for (int[] run : runs) {
        if (!budget.attempt()) {
          return;
        }
        String decoded = encoding.decode(s, run[0], run[1]);
        if (decoded == null || !budget.take(decoded.length())) {
          continue;
        }
        int start = spanStart < 0 ? run[0] : spanStart;
        int end = spanStart < 0 ? run[1] : spanEnd;
        MappedBuilder b = Folder.fold(decoded, 0, decoded.length(), null, 0, null);
        views.add(b.toView(encoding.kind, start, end));
        if (depth < MAX_DEPTH) {
          decode(decoded, 0, decoded.length(), start, end, depth + 1, views, budget);
        }
      }
    }
  }

  /** Caps decode attempts and decoded characters per normalization. */
  private static final class Budget {
    private int attempts = MAX_DECODE_ATTEMPTS;
    private long chars;

    Budget(long chars) {
      this.chars = chars;
    }

    boolean attempt() {
      return attempts-- > 0;
    }

    boolean take(int n) {
      chars -= n;
      return chars >= 0;
    }
  }
}
