package com.lockllm.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Restores masked personal data: finds the placeholders one request was masked with ({@link
 * AnswerContext#placeholders()}) in its answer, each reported as a {@value #TYPE} finding whose
 * replacement is the original text, so that redacting the answer (under {@link OutputAction#STRIP})
 * restores it. Only the exact placeholders of the map match, leftmost first, then the longest; any
 * other text, a look-alike placeholder included, is left as it is.
 *
 * <p>Streamed, a placeholder split across chunks is still restored: {@link #maxSpan()} is the
 * longest placeholder, and {@link #undecided} holds back only a tail that is a proper prefix of a
 * placeholder (with the usual {@code [TYPE_N_tag]} shape, a {@code [} followed by what could begin
 * one); everything else is released at once. Thread-safe and immutable.
 */
public final class PlaceholderCheck implements OutputCheck {
  /** The finding type of a restored placeholder. */
  public static final String TYPE = "RESTORED";

  private static final Comparator<String> LONGEST_FIRST = Comparator.comparingInt(String::length).reversed()
      .thenComparing(Comparator.naturalOrder());

  /** Placeholders, longest first, so the first that matches at a position is the longest. */
  private final String[] placeholders;
  /** Originals, at the index of their placeholder. */
  private final String[] originals;
  /** Whether a placeholder starts with the character, for the characters below 128; others are looked up. */
  private final boolean[] asciiFirst = new boolean[128];
  private final int maxSpan;

  /**
   * @param originals each placeholder to the text it stands for
   * @throws IllegalArgumentException if a placeholder is empty
   */
  public PlaceholderCheck(Map<String, String> originals) {
    String[] keys = originals.keySet().toArray(String[]::new);
    Arrays.sort(keys, LONGEST_FIRST);
    this.placeholders = keys;
    this.originals = new String[keys.length];
    int longest = 1;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].isEmpty()) {
        throw new IllegalArgumentException("a placeholder must not be empty");
      }
      this.originals[i] = Objects.requireNonNull(originals.get(keys[i]), "original");
      char first = keys[i].charAt(0);
      if (first < 128) {
        asciiFirst[first] = true;
      }
      longest = Math.max(longest, keys[i].length());
    }
    this.maxSpan = longest;
  }

  @Override
  public List<OutputFinding> find(CharSequence text) {
    return find(text, 0);
  }

  @Override
  public List<OutputFinding> find(CharSequence text, int from) {
    List<OutputFinding> found = new ArrayList<>();
    int length = text.length();
    int at = from;
    while (at < length) {
      int match = mayStart(text.charAt(at)) ? matchAt(text, at) : -1;
      if (match < 0) {
        at++;
      } else {
        int end = at + placeholders[match].length();
        found.add(new OutputFinding(TYPE, at, end, originals[match]));
        at = end;
      }
    }
    return found;
  }

  @Override
  public int maxSpan() {
    return maxSpan;
  }

  /**
   * The first position at or after {@code from} whose text to the end is a proper prefix of a
   * placeholder: more text could complete it. A tail that is a whole placeholder and begins no
   * longer one is decided.
   */
  @Override
  public int undecided(CharSequence text, int from) {
    int length = text.length();
    for (int at = Math.max(from, length - maxSpan + 1); at < length; at++) {
      if (mayStart(text.charAt(at)) && isProperPrefix(text, at)) {
        return at;
      }
    }
    return length;
  }

  /** Counts only: the originals are personal data. */
  @Override
  public String toString() {
    return "PlaceholderCheck[" + placeholders.length + " placeholders]";
  }

  private boolean mayStart(char c) {
    if (c < 128) {
      return asciiFirst[c];
    }
    for (String placeholder : placeholders) {
      if (placeholder.charAt(0) == c) {
        return true;
      }
    }
    return false;
  }

  /** The index of the longest placeholder at {@code at}, or -1. */
  private int matchAt(CharSequence text, int at) {
    int available = text.length() - at;
    for (int i = 0; i < placeholders.length; i++) {
      String placeholder = placeholders[i];
      if (placeholder.length() <= available && regionEquals(text, at, placeholder, placeholder.length())) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code text} from {@code at} to its end is shorter than some placeholder and begins it. */
  private boolean isProperPrefix(CharSequence text, int at) {
    int tail = text.length() - at;
    for (String placeholder : placeholders) {
      if (placeholder.length() > tail && regionEquals(text, at, placeholder, tail)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionEquals(CharSequence text, int at, String placeholder, int count) {
    for (int i = 0; i < count; i++) {
      if (text.charAt(at + i) != placeholder.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
