package com.lockllm.engine.normalize;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Text prepared for matching, made by {@link Normalizer}: a primary {@link View} (NFKC, invisible
 * characters removed, look-alikes folded to Latin, lower case, whitespace collapsed) and further
 * views decoded or respelled from it (leetspeak, rot13, base64, hex, URL-encoded, Unicode tag
 * characters, respelled, corrected, reversed).
 *
 * <p>Every position of every view maps back to a span {@code [start, end)} of the {@link
 * #source() original text}; a decoded view maps every position to the span of the encoded run it
 * came from. Immutable.
 */
public final class NormalizedText {
  private final String source;
  private final int from;
  private final int to;
  private final List<View> views;
  private final BitSet altered;
  private final int undecodedStart;
  private final int undecodedEnd;
  private final int undecodedChars;

  NormalizedText(String source, int from, int to, List<View> views, BitSet altered,
      int undecodedStart, int undecodedEnd, int undecodedChars) {
    this.source = source;
    this.from = from;
    this.to = to;
    this.views = List.copyOf(views);
    this.altered = altered;
    this.undecodedStart = undecodedStart;
    this.undecodedEnd = undecodedEnd;
    this.undecodedChars = undecodedChars;
  }

  /**
   * How many characters of encoded text the decode budget left undecoded (an estimate for a run
   * cut short); 0 when everything found was decoded. Only deliberate layering of encodings runs
   * the budget out, so detectors read this as evidence of obfuscation.
   */
  public int undecodedChars() {
    return undecodedChars;
  }

  /** Start in the original of the outermost runs left (partly) undecoded, or -1. */
  public int undecodedStart() {
    return undecodedStart;
  }

  /** End (exclusive) in the original of the outermost runs left (partly) undecoded, or -1. */
  public int undecodedEnd() {
    return undecodedEnd;
  }

  /** The original text; view positions map to indices of this string. */
  public String source() {
    return source;
  }

  /** Start of the normalized region of {@link #source()}. */
  public int from() {
    return from;
  }

  /** End (exclusive) of the normalized region of {@link #source()}. */
  public int to() {
    return to;
  }

  /** All views, the {@link #primary()} one first. */
  public List<View> views() {
    return views;
  }

  public View primary() {
    return views.get(0);
  }

  /**
   * Whether normalization hid something inside {@code [start, end)} of the original: removed an
   * invisible character there or folded a look-alike letter of another script.
   */
  public boolean altered(int start, int end) {
    int i = altered.nextSetBit(Math.max(0, start - from));
    return i >= 0 && i < end - from;
  }

  /** How a view was derived from the original text. */
  public enum Kind {
    PRIMARY,
    LEETSPEAK,
    ROT13,
    BASE64,
    HEX,
    URL_ENCODED,
    TAG_CHARACTERS,
    /** Escapes decoded, emphasis inside words removed, separated and doubled letters joined. */
    RESPELLED,
    /** Misspelt trigger words of the rules respelled (on the respelled text when there is one). */
    CORRECTED,
    /** Each line read backwards. */
    REVERSED;

    /** Whether text in this view was hidden from a plain reading of the original. */
    public boolean obfuscated() {
      return this != PRIMARY;
    }
  }

  /** One normalized or decoded rendering of the text, with its map back to the original. */
  public static final class View {
    private final Kind kind;
    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final int spanStart;
    private final int spanEnd;

    View(Kind kind, String text, int[] starts, int[] ends) {
      this.kind = kind;
      this.text = text;
      this.starts = starts;
      this.ends = ends;
      this.spanStart = -1;
      this.spanEnd = -1;
    }

    View(Kind kind, String text, int spanStart, int spanEnd) {
      this.kind = kind;
      this.text = text;
      this.starts = null;
      this.ends = null;
      this.spanStart = spanStart;
      this.spanEnd = spanEnd;
    }

    /** The same map over other text of the same length (leetspeak and rot13 are letter for letter). */
    View withText(Kind newKind, String newText) {
      if (newText.length() != text.length()) {
        throw new IllegalArgumentException("a re-lettered view keeps its length");
      }
      return starts == null
          ? new View(newKind, newText, spanStart, spanEnd)
          : new View(newKind, newText, starts, ends);
    }

    public Kind kind() {
      return kind;
    }

    public String text() {
      return text;
    }

    /** Start in the original of the character at {@code index} (or, at the end, of the last one's end). */
    public int originalStart(int index) {
      if (starts == null) {
        return spanStart;
      }
      Objects.checkIndex(index, text.length() + 1);
      return index < starts.length ? starts[index] : (ends.length == 0 ? 0 : ends[ends.length - 1]);
    }

    /** End in the original of the span ending (exclusive) at {@code endIndex}. */
    public int originalEnd(int endIndex) {
      if (ends == null) {
        return spanEnd;
      }
      Objects.checkIndex(endIndex, text.length() + 1);
      return endIndex == 0 ? originalStart(0) : ends[endIndex - 1];
    }

    @Override
    public String toString() {
      return kind + ":" + text;
    }
  }
}
