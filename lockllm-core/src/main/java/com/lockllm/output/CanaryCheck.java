package com.lockllm.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A canary token in answer text: the per-request token added to the system prompt shows up in the
 * answer only when the model repeats its instructions. Matched in any case ({@code Canary-7F3A}
 * for {@code canary-7f3a}, compared code point by code point after upper- then lower-casing) and
 * with up to {@value #MAX_GAP} invisible characters (zero-width, format, variation selectors: see
 * the README's Canaries section) between any two of its characters, since a model can be asked to
 * slip those in to get the token past a literal comparison. Spaced or otherwise rewritten tokens
 * are not matched. A match spans the token's first character to its last, invisible characters
 * inside it included, and becomes {@value #REPLACEMENT}.
 *
 * <p>{@link #maxSpan()} is {@code 2 × c + 16 × (c - 1)} for a token of {@code c} code points (each
 * may be a surrogate pair in the answer; each gap at most {@value #MAX_GAP} chars). {@link
 * #undecided} is exact: only a suffix of the text that could still grow into the token is undecided.
 * {@link #toString()} does not show the token.
 */
public final class CanaryCheck implements OutputCheck {
  public static final String TYPE = "CANARY";
  public static final String REPLACEMENT = "[REDACTED_CANARY]";
  /** The most chars of invisible characters tolerated between two characters of the token. */
  public static final int MAX_GAP = 16;

  private static final int NO_MATCH = -1;
  /** The text ends before the token does, on a prefix of it. */
  private static final int PREFIX = -2;

  private final int[] token;
  private final int maxSpan;

  /**
   * @param token the canary as added to the system prompt
   * @throws IllegalArgumentException if {@code token} is empty or holds an invisible character (it
   *     could never match, since those are skipped in the answer)
   */
  public CanaryCheck(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() || Invisibles.any(token)) {
      throw new IllegalArgumentException("a canary token must be non-empty and hold no invisible character");
    }
    this.token = token.codePoints().map(CanaryCheck::fold).toArray();
    this.maxSpan = Math.addExact(Math.multiplyExact(2, this.token.length), Math.multiplyExact(MAX_GAP, this.token.length - 1));
  }

  @Override
  public List<OutputFinding> find(CharSequence text) {
    List<OutputFinding> found = new ArrayList<>();
    for (int i = 0; i < text.length(); ) {
      int end = matchAt(text, i);
      if (end >= 0) {
        found.add(new OutputFinding(TYPE, i, end, REPLACEMENT));
        i = end;
      } else {
        i++;
      }
    }
    return found;
  }

  @Override
  public int maxSpan() {
    return maxSpan;
  }

  /** The first position, at or after {@code from} and outside a match, where the rest of the text is a prefix of the token. */
  @Override
  public int undecided(CharSequence text, int from) {
    for (int i = from; i < text.length(); ) {
      int end = matchAt(text, i);
      if (end == PREFIX) {
        return i;
      }
      i = end >= 0 ? end : i + 1;
    }
    return text.length();
  }

  @Override
  public String toString() {
    return "CanaryCheck";
  }

  /** Where a match starting at {@code start} ends, {@link #NO_MATCH}, or {@link #PREFIX}. */
  private int matchAt(CharSequence text, int start) {
    int n = text.length();
    int at = start;
    for (int k = 0; k < token.length; k++) {
      if (k > 0) {
        int gap = 0;
        for (int len; at < n && (len = Invisibles.at(text, at)) > 0; at += len) {
          gap += len;
        }
        if (gap > MAX_GAP) {
          return NO_MATCH;
        }
      }
      // a high surrogate at the end may begin the next character or an invisible one
      if (at == n || (at == n - 1 && Character.isHighSurrogate(text.charAt(at)))) {
        return PREFIX;
      }
      int c = Character.codePointAt(text, at);
      if (fold(c) != token[k]) {
        return NO_MATCH;
      }
      at += Character.charCount(c);
    }
    return at;
  }

  private static int fold(int codePoint) {
    return Character.toLowerCase(Character.toUpperCase(codePoint));
  }
}
