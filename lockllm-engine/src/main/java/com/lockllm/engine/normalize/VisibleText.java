package com.lockllm.engine.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import java.util.Arrays;
import java.util.Objects;

/**
 * Text with its disguises taken off and its shape kept, for detectors that read case, spacing and
 * punctuation (the PII recognizers): invisible characters (zero-width, soft hyphen, bidi controls,
 * variation selectors, tag characters) removed; NFKC compatibility forms folded (full-width and
 * mathematical letters and digits, no-break spaces, {@code ＠}); decimal digits of every script
 * read as ASCII digits; dashes and the minus sign read as {@code -}; marks left on an ASCII letter
 * or digit after composition (strike-through, Zalgo) dropped; and look-alike letters of other
 * scripts (Cyrillic {@code а}) folded to Latin inside words that are Latin words in disguise, case
 * kept. Case, white space and everything else stay as they are.
 *
 * <p>Every position maps back to a span of the original text, so a match found here covers, in
 * the original, every character that was removed or folded inside it. Text without a character
 * outside ASCII is its own visible text and costs nothing. Immutable.
 */
public final class VisibleText {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

  private final String original;
  private final String text;
  private final int[] starts;
  private final int[] ends;

  private VisibleText(String original, String text, int[] starts, int[] ends) {
    this.original = original;
    this.text = text;
    this.starts = starts;
    this.ends = ends;
  }

  /** The visible text of {@code original}. */
  public static VisibleText of(String original) {
    Objects.requireNonNull(original, "original");
    for (int i = 0; i < original.length(); i++) {
      if (original.charAt(i) >= 0x80) {
        return new Builder(original).build();
      }
    }
    return new VisibleText(original, original, null, null);
  }

  /** The text with its disguises taken off. */
  public String text() {
    return text;
  }

  /** Whether {@link #text()} is the original itself. */
  public boolean unchanged() {
    return starts == null;
  }

  /** Start in the original of the character at {@code index} (at the end: the original's end). */
  public int originalStart(int index) {
    Objects.checkIndex(index, text.length() + 1);
    if (starts == null) {
      return index;
    }
    return index < starts.length ? starts[index] : original.length();
  }

  /** End in the original of the span that ends (exclusive) at {@code endIndex}. */
  public int originalEnd(int endIndex) {
    Objects.checkIndex(endIndex, text.length() + 1);
    if (ends == null) {
      return endIndex;
    }
    return endIndex == 0 ? originalStart(0) : ends[endIndex - 1];
  }

  private static final class Builder {
    private final String s;
    private char[] chars;
    private int[] starts;
    private int[] ends;
    private int length;
    private int wordStart = -1;
    private boolean wordLatin;
    private boolean wordConfusable;
    private boolean wordForeign;

    Builder(String s) {
      this.s = s;
      this.chars = new char[s.length() + 16];
      this.starts = new int[chars.length];
      this.ends = new int[chars.length];
    }

    VisibleText build() {
      int i = 0;
      int n = s.length();
      while (i < n) {
        int cp = s.codePointAt(i);
        int next = i + Character.charCount(cp);
        if (cp < 0x80 && (next >= n || s.charAt(next) < 0x300)) {
          emit(cp, i, next);
          i = next;
          continue;
        }
        if (Folder.isIgnorable(cp)) {
          i = next;
          continue;
        }
        // A code point and the marks that compose with it normalize together.
        int j = next;
        while (j < n) {
          int c = s.codePointAt(j);
          if (NFKC.hasBoundaryBefore(c) || Folder.isIgnorable(c)) {
            break;
          }
          j += Character.charCount(c);
        }
        String norm = j == next && NFKC.isInert(cp) ? null : NFKC.normalize(s.substring(i, j));
        if (norm == null) {
          emit(cp, i, j);
        } else {
          for (int k = 0; k < norm.length(); ) {
            int c = norm.codePointAt(k);
            emit(c, i, j);
            k += Character.charCount(c);
          }
        }
        i = j;
      }
      finishWord();
      return new VisibleText(s, new String(chars, 0, length),
          Arrays.copyOf(starts, length), Arrays.copyOf(ends, length));
    }

    private void emit(int cp, int start, int end) {
      if (cp < 0x80) {
        boolean alnum = cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
        if (alnum) {
          startWord();
          wordLatin = true;
        } else {
          finishWord();
        }
        append((char) cp, start, end);
        return;
      }
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        if (length > 0 && isAsciiAlnum(chars[length - 1])) {
          // Left on an ASCII letter or digit after composition: decoration, not spelling.
          ends[length - 1] = end;
          return;
        }
        append(cp, start, end);
        return;
      }
      if (type == Character.DECIMAL_DIGIT_NUMBER) {
        int d = Character.digit(cp, 10);
        if (d >= 0) {
          emit('0' + d, start, end);
          return;
        }
      }
      if (type == Character.DASH_PUNCTUATION || cp == 0x2212) {
        emit('-', start, end);
        return;
      }
      if (Character.isLetter(cp)) {
        startWord();
        int lower = UCharacter.toLowerCase(cp);
        if (Folding.confusable(lower) != 0) {
          wordConfusable = true;
        } else {
          wordForeign = true;
        }
        append(cp, start, end);
        return;
      }
      finishWord();
      append(cp, start, end);
    }

    private void startWord() {
      if (wordStart < 0) {
        wordStart = length;
        wordLatin = false;
        wordConfusable = false;
        wordForeign = false;
      }
    }

    /** Folds the look-alikes of the word just ended when it is a Latin word in disguise. */
    private void finishWord() {
      if (wordStart >= 0 && wordConfusable && wordLatin && !wordForeign) {
        for (int k = wordStart; k < length; k++) {
          char c = chars[k];
          if (c >= 0x80) {
            char lower = (char) UCharacter.toLowerCase(c);
            char folded = Folding.confusable(lower);
            if (folded != 0) {
              chars[k] = lower == c ? folded : Character.toUpperCase(folded);
            }
          }
        }
      }
      wordStart = -1;
    }

    private void append(int cp, int start, int end) {
      if (Character.isBmpCodePoint(cp)) {
        append((char) cp, start, end);
      } else {
        append(Character.highSurrogate(cp), start, end);
        append(Character.lowSurrogate(cp), start, end);
      }
    }

    private void append(char c, int start, int end) {
      if (length == chars.length) {
        int grown = length * 2;
        chars = Arrays.copyOf(chars, grown);
        starts = Arrays.copyOf(starts, grown);
        ends = Arrays.copyOf(ends, grown);
      }
      chars[length] = c;
      starts[length] = start;
      ends[length] = end;
      length++;
    }

    private static boolean isAsciiAlnum(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
  }
}
