package com.lockllm.engine.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The primary normalization pass: NFKC, removal of default-ignorable code points (zero-width,
 * bidi controls, variation selectors, tag characters), lower case, diacritics stripped from Latin
 * letters, look-alike letters folded to Latin inside Latin words, whitespace runs collapsed to one
 * space (or one newline when the run holds a line break). Not API.
 */
final class Folder {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final int TAG_FIRST = 0xE0020;
  private static final int TAG_LAST = 0xE007E;

  private final MappedBuilder out;
  private final BitSet altered;
  private final int base;
  private boolean inWord;
  private int wordStart;
  private boolean wordAscii;
  private boolean wordConfusable;
  private boolean wordAllFoldable;

  private Folder(int capacity, BitSet altered, int base) {
    this.out = new MappedBuilder(capacity);
    this.altered = altered;
    this.base = base;
  }

  /**
   * Folds {@code s[from, to)}. Positions of removed or look-alike characters are set in {@code
   * altered} (relative to {@code base}) when it is given; tag characters go to {@code tags}.
   */
  static MappedBuilder fold(String s, int from, int to, BitSet altered, int base, TagRuns tags) {
    Folder f = new Folder(to - from, altered, base);
    int i = from;
    while (i < to) {
      char ch = s.charAt(i);
      if (ch < 0x80 && (i + 1 >= to || s.charAt(i + 1) < 0x300)) {
        f.emit(ch, i, i + 1);
        i++;
        continue;
      }
      int cp = codePointAt(s, i, to);
      int n = Character.charCount(cp);
      if (isIgnorable(cp)) {
        f.markAltered(i, i + n);
        if (tags != null && cp >= TAG_FIRST && cp <= TAG_LAST) {
          tags.add((char) (cp - 0xE0000), i, i + n);
        }
        i += n;
        continue;
      }
      int j = i + n;
      while (j < to) {
        int next = codePointAt(s, j, to);
        if (NFKC.hasBoundaryBefore(next) || isIgnorable(next)) {
          break;
        }
        j += Character.charCount(next);
      }
      if (j == i + n && NFKC.isInert(cp)) {
        f.emit(cp, i, j);
      } else {
        String norm = NFKC.normalize(s.substring(i, j));
        for (int k = 0; k < norm.length(); ) {
          int c = norm.codePointAt(k);
          f.emit(c, i, j);
          k += Character.charCount(c);
        }
      }
      i = j;
    }
    f.finishWord();
    return f.out;
  }

  /**
   * The code point at {@code i}, a high surrogate alone when its low half lies at or past {@code
   * limit}: a range may end between the halves of a pair, and its map must not reach past the end.
   */
  private static int codePointAt(String s, int i, int limit) {
    char high = s.charAt(i);
    if (Character.isHighSurrogate(high) && i + 1 < limit) {
      char low = s.charAt(i + 1);
      if (Character.isLowSurrogate(low)) {
        return Character.toCodePoint(high, low);
      }
    }
    return high;
  }

  static boolean isIgnorable(int cp) {
    return cp >= 0xAD && UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
  }

  private void emit(int cp, int start, int end) {
    if (isSpace(cp)) {
      finishWord();
      boolean newline = isNewline(cp);
      int len = out.length();
      if (len > 0 && (out.charAt(len - 1) == ' ' || out.charAt(len - 1) == '\n')) {
        out.extendLast(end);
        if (newline) {
          out.setChar(len - 1, '\n');
        }
      } else {
        out.append(newline ? '\n' : ' ', start, end);
      }
      return;
    }
    int c = cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : Character.toLowerCase(cp);
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') {
        startWord();
        wordAscii = true;
      } else {
        finishWord();
      }
      out.append((char) c, start, end);
      return;
    }
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      int len = out.length();
      if (inWord && len > 0 && out.charAt(len - 1) < 0x80) {
        // A mark left on a Latin letter after NFKC composition is decoration (Zalgo text).
        markAltered(start, end);
        return;
      }
      appendCodePoint(c, start, end);
      return;
    }
    String latin = Folding.latin(c);
    if (latin != null) {
      startWord();
      wordAscii = true;
      for (int k = 0; k < latin.length(); k++) {
        out.append(latin.charAt(k), start, end);
      }
      return;
    }
    if (Character.isLetter(c)) {
      startWord();
      if (Folding.confusable(c) != 0) {
        wordConfusable = true;
      } else {
        wordAllFoldable = false;
      }
      appendCodePoint(c, start, end);
      return;
    }
    finishWord();
    appendCodePoint(c, start, end);
  }

  private void appendCodePoint(int c, int start, int end) {
    if (Character.isBmpCodePoint(c)) {
      out.append((char) c, start, end);
    } else {
      out.append(Character.highSurrogate(c), start, end);
      out.append(Character.lowSurrogate(c), start, end);
    }
  }

  private void startWord() {
    if (!inWord) {
      inWord = true;
      wordStart = out.length();
      wordAscii = false;
      wordConfusable = false;
      wordAllFoldable = true;
    }
  }

  /** Folds look-alikes in the word just ended when it is a Latin word in disguise. */
  private void finishWord() {
    if (inWord && wordConfusable && (wordAscii || wordAllFoldable)) {
      for (int k = wordStart; k < out.length(); k++) {
        char c = out.charAt(k);
        char folded = c >= 0x80 ? Folding.confusable(c) : 0;
        if (folded != 0) {
          out.setChar(k, folded);
          markAltered(out.start(k), out.end(k));
        }
      }
    }
    inWord = false;
  }

  private void markAltered(int start, int end) {
    if (altered != null) {
      altered.set(start - base, end - base);
    }
  }

  private static boolean isSpace(int cp) {
    if (cp < 0x80) {
      return cp <= ' ' || cp == 0x7F;
    }
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.CONTROL;
  }

  private static boolean isNewline(int cp) {
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85
        || cp == 0x2028 || cp == 0x2029;
  }

  /** Collects runs of Unicode tag characters, which spell ASCII invisibly. */
  static final class TagRuns {
    private final StringBuilder text = new StringBuilder();
    private final List<int[]> runs = new ArrayList<>();

    void add(char ascii, int start, int end) {
      int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last[1] == start) {
        last[1] = end;
        last[3] = text.length() + 1;
      } else {
        runs.add(new int[] {start, end, text.length(), text.length() + 1});
      }
      text.append(ascii);
    }

    /** Each run as {@code {originalStart, originalEnd, textStart, textEnd}}. */
    List<int[]> runs() {
      return runs;
    }

    String text(int[] run) {
      return text.substring(run[2], run[3]);
    }
  }
}
