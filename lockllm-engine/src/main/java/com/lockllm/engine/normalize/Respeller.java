package com.lockllm.engine.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Undoes spelling-level disguises of the primary view. Steps 1 to 4 make the respelled view,
 * step 5 (run on the respelled text, or on the primary one) the corrected view of the lines it
 * changed: kept apart because correcting towards English words garbles other languages, which
 * the respelled view must still read. Each step runs only where a cheap pass finds its pattern,
 * and a view exists only when a step changed something:
 *
 * <ol>
 *   <li>escapes decoded in place: <code>&#92;u0069</code>, <code>&#92;u{69}</code>,
 *       <code>&#92;x69</code> and HTML character references ({@code &#105;}, {@code &#x69;},
 *       {@code &lt;}), the result folded again like the primary view;
 *   <li>markdown emphasis inside a word removed ({@code ig**nore**}, {@code i_gnor_e}, {@code
 *       ig~~n~~ore}): {@code *}, {@code _} and {@code ~} between letters of one word, with those at
 *       the word's edges; underscores alone only when a known word is left ({@code snake_case}
 *       stays);
 *   <li>letters separated by spaces or punctuation joined ({@code i.g.n.o.r.e}, {@code
 *       i-g-n-o-r-e}): a chain of at least {@value #MIN_CHAIN_LETTERS} single letters with gaps of
 *       at most {@value #MAX_GAP} characters. Where punctuation separates letters (a mark that
 *       comes back gap after gap), any other gap separates words; where spaces do, a wider run of
 *       them in the original or a gap holding punctuation does. Where no white space marks words,
 *       each stretch between word gaps is split into the most probable words of {@link Words}
 *       ({@code i g n o r e a l l} as "ignore all"); look-alike digits read as letters in a
 *       stretch that mixes them with letters;
 *   <li>doubled letters halved ({@code iiggnnoorree}) when at least {@value #MIN_DOUBLED_WORDS}
 *       words of {@value #MIN_DOUBLED_LENGTH} or more characters are doubled throughout;
 *   <li>misspelt trigger words respelled: a token that is no known word and lies one edit away
 *       from an English word of the signature rules ({@code ignroe}, {@code instrucitons}) reads as
 *       that word (see {@link Words#misspelledTrigger}).
 * </ol>
 *
 * Every character keeps a span of the original: a decoded, joined or respelled character maps
 * to what it came from, a space put between split words to the gap it replaces. Not API.
 */
final class Respeller {
  static final int MIN_CHAIN_LETTERS = 4;
  static final int MAX_GAP = 3;
  static final int MIN_DOUBLED_WORDS = 2;
  static final int MIN_DOUBLED_LENGTH = 6;
  private static final int MIN_TYPO_LENGTH = 3;
  private static final int MAX_WORD = 24;
  /** Shortest chunk looked up as an inflected word when it is not a word itself. */
  private static final int MIN_STEM_SPLIT = 4;
  /** A word costs {@code ln(rank + 1) + WORD_COST} (Zipf); an unknown chunk more per letter. */
  private static final double WORD_COST = 2.4;
  private static final double UNKNOWN_COST = 12;
  private static final double UNKNOWN_LETTER_COST = 4;
  private static final double NUMBER_COST = 3;
  /** Added for a one-letter word: two in a row ("a i" for "ai") are rare in any stretch of text. */
  private static final double ONE_LETTER_COST = 4;
  private static final String[][] NAMED_REFERENCES = {
    {"lt;", "<"}, {"gt;", ">"}, {"amp;", "&"}, {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", " "}
  };

  private Respeller() {}

  /**
   * The text of {@code primary} with steps 1 to 4 applied, or {@code primary} itself when none
   * changed anything.
   */
  static MappedBuilder respell(MappedBuilder primary) {
    MappedBuilder b = unescape(primary);
    b = unmark(b);
    b = joinSeparatedLetters(b);
    return undouble(b);
  }

  static MappedBuilder unescape(MappedBuilder in) {
    char[] c = in.buffer();
    int n = in.length();
    MappedBuilder mid = null;
    int copied = 0;
    int[] escape = new int[2];
    for (int i = 0; i < n; i++) {
      if ((c[i] != '\\' && c[i] != '&') || !escapeAt(c, i, n, escape)) {
        continue;
      }
      if (mid == null) {
        mid = new MappedBuilder(n);
      }
      mid.copy(in, copied, i);
      int cp = escape[0];
      int end = escape[1];
      int start = in.start(i);
      int stop = in.end(end - 1);
      if (Character.isBmpCodePoint(cp)) {
        mid.append((char) cp, start, stop);
      } else {
        mid.append(Character.highSurrogate(cp), start, stop);
        mid.append(Character.lowSurrogate(cp), start, stop);
      }
      copied = end;
      i = end - 1;
    }
    if (mid == null) {
      return in;
    }
    mid.copy(in, copied, n);
    // Decoded characters are raw text (capitals, look-alikes, invisible ones): fold them like the
    // primary view, then map each folded character through the decoding to the original.
    String text = mid.text();
    MappedBuilder folded = Folder.fold(text, 0, text.length(), null, 0, null);
    MappedBuilder out = new MappedBuilder(folded.length());
    for (int k = 0; k < folded.length(); k++) {
      out.append(folded.charAt(k), mid.start(folded.start(k)), mid.end(folded.end(k) - 1));
    }
    return out;
  }

  /** Whether an escape starts at {@code i}; if so {@code out} gets its code point and end. */
  private static boolean escapeAt(char[] c, int i, int n, int[] out) {
    if (i + 2 >= n) {
      return false;
    }
    if (c[i] == '\\') {
      if (c[i + 1] == 'x') {
        int v = hex(c, i + 2, Math.min(n, i + 4));
        return v >= 0 && i + 4 <= n && decoded(out, v, i + 4);
      }
      if (c[i + 1] != 'u') {
        return false;
      }
      if (c[i + 2] == '{') {
        int j = i + 3;
        while (j < n && j - i - 3 < 7 && Character.digit(c[j], 16) >= 0) {
          j++;
        }
        return j > i + 3 && j - i - 3 <= 6 && j < n && c[j] == '}'
            && decoded(out, hex(c, i + 3, j), j + 1);
      }
      int v = i + 6 <= n ? hex(c, i + 2, i + 6) : -1;
      if (v < 0) {
        return false;
      }
      if (Character.isHighSurrogate((char) v)) {
        boolean pair = i + 12 <= n && c[i + 6] == '\\' && c[i + 7] == 'u';
        int low = pair ? hex(c, i + 8, i + 12) : -1;
        return low >= 0 && Character.isLowSurrogate((char) low)
            && decoded(out, Character.toCodePoint((char) v, (char) low), i + 12);
      }
      return decoded(out, v, i + 6);
    }
    if (c[i + 1] == '#') {
      int radix = c[i + 2] == 'x' ? 16 : 10;
      int from = radix == 16 ? i + 3 : i + 2;
      int j = from;
      long v = 0;
      while (j < n && j - from < 8 && Character.digit(c[j], radix) >= 0) {
        v = v * radix + Character.digit(c[j], radix);
        j++;
      }
      if (j == from || v > Character.MAX_CODE_POINT) {
        return false;
      }
      return decoded(out, (int) v, j < n && c[j] == ';' ? j + 1 : j);
    }
    for (String[] ref : NAMED_REFERENCES) {
      String name = ref[0];
      if (i + 1 + name.length() <= n && regionMatches(c, i + 1, name)) {
        return decoded(out, ref[1].charAt(0), i + 1 + name.length());
      }
    }
    return false;
  }

  private static boolean decoded(int[] out, int cp, int end) {
    if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    out[0] = cp;
    out[1] = end;
    return true;
  }

  /** The hex number {@code c[from, to)}, or -1 when a character is no hex digit. */
  private static int hex(char[] c, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(c[i], 16);
      if (d < 0 || c[i] > 'f') {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  private static boolean regionMatches(char[] c, int at, String s) {
    for (int k = 0; k < s.length(); k++) {
      if (c[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static MappedBuilder unmark(MappedBuilder in) {
    char[] c = in.buffer();
    int n = in.length();
    MappedBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      if (!isMarker(c[i])) {
        i++;
        continue;
      }
      int markStart = i;
      while (i < n && isMarker(c[i])) {
        i++;
      }
      if (markStart == 0 || i >= n || !Character.isLetter(c[markStart - 1])
          || !Character.isLetter(c[i])) {
        continue;
      }
      int wordStart = markStart;
      while (wordStart > copied
          && (Character.isLetter(c[wordStart - 1]) || isMarker(c[wordStart - 1]))) {
        wordStart--;
      }
      int wordEnd = i;
      while (wordEnd < n && (Character.isLetter(c[wordEnd]) || isMarker(c[wordEnd]))) {
        wordEnd++;
      }
      if (onlyUnderscores(c, wordStart, wordEnd) && !knownWithoutMarkers(c, wordStart, wordEnd)) {
        // snake_case: an identifier, unless taking the underscores out leaves a word (i_gnor_e).
        i = wordEnd;
        continue;
      }
      if (out == null) {
        out = new MappedBuilder(n);
      }
      out.copy(in, copied, wordStart);
      for (int k = wordStart; k < wordEnd; k++) {
        if (!isMarker(c[k])) {
          out.copy(in, k);
        }
      }
      copied = wordEnd;
      i = wordEnd;
    }
    if (out == null) {
      return in;
    }
    out.copy(in, copied, n);
    return out;
  }

  private static boolean onlyUnderscores(char[] c, int from, int to) {
    for (int k = from; k < to; k++) {
      if (c[k] == '*' || c[k] == '~') {
        return false;
      }
    }
    return true;
  }

  private static boolean knownWithoutMarkers(char[] c, int from, int to) {
    char[] letters = new char[to - from];
    int n = 0;
    for (int k = from; k < to; k++) {
      if (!isMarker(c[k])) {
        letters[n++] = c[k];
      }
    }
    return Words.KNOWN.contains(letters, 0, n);
  }

  private static boolean isMarker(char c) {
    return c == '*' || c == '_' || c == '~';
  }

  static MappedBuilder joinSeparatedLetters(MappedBuilder in) {
    char[] c = in.buffer();
    int n = in.length();
    MappedBuilder out = null;
    int copied = 0;
    int[] chain = new int[16];
    int i = 0;
    while (i < n) {
      if (!alnum(c[i])) {
        i++;
        continue;
      }
      if (i + 1 < n && alnum(c[i + 1])) {
        // A longer token: skip it whole.
        while (i < n && alnum(c[i])) {
          i++;
        }
        continue;
      }
      int m = 0;
      chain[m++] = i;
      int letters = Character.isLetter(c[i]) ? 1 : 0;
      int last = i;
      while (true) {
        int k = last + 1;
        while (k < n && k - last - 1 < MAX_GAP && !alnum(c[k]) && c[k] != '\n') {
          k++;
        }
        if (k == last + 1 || k >= n || !single(c, k, n)) {
          break;
        }
        if (m == chain.length) {
          chain = Arrays.copyOf(chain, 2 * m);
        }
        chain[m++] = k;
        letters += Character.isLetter(c[k]) ? 1 : 0;
        last = k;
      }
      if (letters >= MIN_CHAIN_LETTERS) {
        if (out == null) {
          out = new MappedBuilder(n);
        }
        out.copy(in, copied, chain[0]);
        emitChain(in, chain, m, out);
        copied = last + 1;
      }
      i = last + 1;
    }
    if (out == null) {
      return in;
    }
    out.copy(in, copied, n);
    return out;
  }

  /** Whether {@code c[i]} is a letter or digit standing alone. */
  private static boolean single(char[] c, int i, int n) {
    return alnum(c[i]) && (i == 0 || !alnum(c[i - 1])) && (i + 1 >= n || !alnum(c[i + 1]));
  }

  /** {@link Character#isLetterOrDigit(char)}, without the call for ASCII. */
  private static boolean alnum(char c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }
    return Character.isLetterOrDigit(c);
  }

  /** Emits the chain of single characters at {@code pos[0, m)}: words joined, word gaps kept. */
  private static void emitChain(MappedBuilder in, int[] pos, int m, MappedBuilder out) {
    char[] c = in.buffer();
    String[] gaps = new String[m - 1];
    for (int t = 0; t < m - 1; t++) {
      gaps[t] = new String(c, pos[t] + 1, pos[t + 1] - pos[t] - 1);
    }
    String separator = mostCommon(gaps);
    // A single space in the primary view may stand for a longer run in the original: if the runs
    // differ in width, the wider ones are word gaps.
    int minWidth = Integer.MAX_VALUE;
    int maxWidth = 0;
    if (separator.equals(" ")) {
      for (int t = 0; t < m - 1; t++) {
        if (gaps[t].equals(" ")) {
          int w = width(in, pos[t] + 1);
          minWidth = Math.min(minWidth, w);
          maxWidth = Math.max(maxWidth, w);
        }
      }
    }
    boolean spaced = separator.isBlank();
    // Punctuation that separates letters comes back letter after letter (i.g.n, a-l-l); a mark
    // seen once between two letters (dan(do, don't) is the text's own.
    Set<String> separators = new HashSet<>();
    for (int t = 0; t + 1 < m - 1; t++) {
      if (gaps[t].equals(gaps[t + 1]) && !hasSpace(gaps[t])) {
        separators.add(gaps[t]);
      }
    }
    boolean[] wordGap = new boolean[m];
    boolean wordsMarked = false;
    for (int t = 0; t < m - 1; t++) {
      boolean wider = minWidth < maxWidth && width(in, pos[t] + 1) > minWidth;
      // Letters separated by punctuation (i.g.n.o.r.e a-l-l) have white space between words;
      // spaced letters have a wider run of it there, or punctuation, or nothing.
      wordGap[t] = spaced ? wider || !gaps[t].equals(separator) : !separators.contains(gaps[t]);
      // White space marks every word; punctuation alone (i g n o r e , a l l) leaves stretches
      // to split into words.
      wordsMarked |= wider || !spaced && hasSpace(gaps[t]);
    }
    boolean split = !wordsMarked;
    int segment = 0;
    for (int t = 0; t < m; t++) {
      if (t == m - 1 || wordGap[t]) {
        emitWords(in, pos, segment, t + 1, split, out);
        if (wordGap[t]) {
          out.copy(in, pos[t] + 1, pos[t + 1]);
        }
        segment = t + 1;
      }
    }
  }

  private static boolean hasSpace(String gap) {
    for (int k = 0; k < gap.length(); k++) {
      if (Character.isWhitespace(gap.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static int width(MappedBuilder in, int i) {
    return in.end(i) - in.start(i);
  }

  private static String mostCommon(String[] gaps) {
    String best = gaps[0];
    int bestCount = 0;
    for (int a = 0; a < gaps.length; a++) {
      int count = 0;
      for (int b = a; b < gaps.length && count + gaps.length - b > bestCount; b++) {
        if (gaps[b].equals(gaps[a])) {
          count++;
        }
      }
      if (count > bestCount) {
        bestCount = count;
        best = gaps[a];
      }
    }
    return best;
  }

  /**
   * Emits the single characters at {@code pos[from, to)} as one word or, with {@code split}, as
   * words: the split with the least cost,
   * a known word costing {@code ln(rank + 1)} plus a constant, an unknown run of letters more for
   * every letter, a number a constant; each space between two words maps to the gap it replaces.
   */
  private static void emitWords(MappedBuilder in, int[] pos, int from, int to, boolean split,
      MappedBuilder out) {
    int n = to - from;
    char[] w = new char[n];
    boolean hasLetter = false;
    boolean leetOnly = true;
    for (int k = 0; k < n; k++) {
      w[k] = in.charAt(pos[from + k]);
      if (Character.isLetter(w[k])) {
        hasLetter = true;
      } else if (Leetspeak.letterFor(w[k]) == 0) {
        leetOnly = false;
      }
    }
    if (hasLetter && leetOnly) {
      for (int k = 0; k < n; k++) {
        char l = Leetspeak.letterFor(w[k]);
        if (l != 0) {
          w[k] = l;
        }
      }
    }
    if (!split) {
      for (int k = 0; k < n; k++) {
        out.append(w[k], in.start(pos[from + k]), in.end(pos[from + k]));
      }
      return;
    }
    double[] best = new double[n + 1];
    int[] back = new int[n + 1];
    for (int e = 1; e <= n; e++) {
      best[e] = Double.MAX_VALUE;
      boolean digits = Character.isDigit(w[e - 1]);
      for (int s = e - 1; s >= 0 && e - s <= MAX_WORD && Character.isDigit(w[s]) == digits; s--) {
        double cost = best[s] + chunkCost(w, s, e, digits);
        if (cost < best[e]) {
          best[e] = cost;
          back[e] = s;
        }
      }
    }
    boolean[] wordStart = new boolean[n];
    for (int e = n; e > 0; e = back[e]) {
      wordStart[back[e]] = true;
    }
    for (int k = 0; k < n; k++) {
      int p = pos[from + k];
      if (k > 0 && wordStart[k]) {
        int gapStart = pos[from + k - 1] + 1;
        out.append(' ', in.start(gapStart), in.end(p - 1));
      }
      out.append(w[k], in.start(p), in.end(p));
    }
  }

  private static double chunkCost(char[] w, int s, int e, boolean digits) {
    if (digits) {
      return NUMBER_COST;
    }
    int rank = Words.KNOWN.rank(w, s, e);
    if (rank < 0 && e - s > MIN_STEM_SPLIT) {
      rank = Words.KNOWN.stemRank(w, s, e);
    }
    double cost = rank >= 0
        ? Math.log(rank + 1) + WORD_COST
        : UNKNOWN_COST + UNKNOWN_LETTER_COST * (e - s);
    return e - s == 1 ? cost + ONE_LETTER_COST : cost;
  }

  static MappedBuilder undouble(MappedBuilder in) {
    char[] c = in.buffer();
    int n = in.length();
    int doubledWords = 0;
    for (int i = 0; i < n && doubledWords < MIN_DOUBLED_WORDS; ) {
      int end = wordEnd(c, i, n);
      if (end > i) {
        if (end - i >= MIN_DOUBLED_LENGTH && doubled(c, i, end) && !oneCharacter(c, i, end)) {
          doubledWords++;
        }
        i = end;
      } else {
        i++;
      }
    }
    if (doubledWords < MIN_DOUBLED_WORDS) {
      return in;
    }
    MappedBuilder out = new MappedBuilder(n);
    for (int i = 0; i < n; ) {
      int end = wordEnd(c, i, n);
      if (end == i) {
        out.copy(in, i++);
      } else if (doubled(c, i, end)) {
        for (int k = i; k < end; k += 2) {
          out.append(c[k], in.start(k), in.end(k + 1));
        }
        i = end;
      } else {
        out.copy(in, i, end);
        i = end;
      }
    }
    return out;
  }

  /** The end of the run of letters and digits starting at {@code i} ({@code i} when none does). */
  private static int wordEnd(char[] c, int i, int n) {
    int j = i;
    while (j < n && alnum(c[j])) {
      j++;
    }
    return j;
  }

  private static boolean doubled(char[] c, int from, int to) {
    if ((to - from) % 2 != 0) {
      return false;
    }
    for (int k = from; k < to; k += 2) {
      if (c[k] != c[k + 1]) {
        return false;
      }
    }
    return true;
  }

  private static boolean oneCharacter(char[] c, int from, int to) {
    for (int k = from + 1; k < to; k++) {
      if (c[k] != c[from]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The lines of {@code in} that hold a misspelt trigger word, each respelled (step 5); {@code in}
   * itself when there is none. Only those lines: a long document with one odd name in it should
   * not be read twice.
   */
  static MappedBuilder correctTriggers(MappedBuilder in) {
    char[] c = in.buffer();
    int n = in.length();
    List<Object> corrections = null;
    long[] scratch = null;
    int i = 0;
    while (i < n) {
      char ch = c[i];
      if (ch < 'a' || ch > 'z') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && c[i] >= 'a' && c[i] <= 'z') {
        i++;
      }
      int len = i - start;
      if (len < MIN_TYPO_LENGTH || len > MAX_WORD || inIdentifier(c, start, i, n)
          || Words.KNOWN.contains(c, start, i)) {
        continue;
      }
      if (scratch == null) {
        scratch = Words.scratch();
      }
      String word = Words.KNOWN.misspelledTrigger(c, start, i, scratch);
      if (word == null || Words.KNOWN.stemRank(c, start, i) >= 0) {
        continue;
      }
      if (corrections == null) {
        corrections = new ArrayList<>();
      }
      corrections.add(new int[] {start, i});
      corrections.add(word);
    }
    if (corrections == null) {
      return in;
    }
    MappedBuilder out = new MappedBuilder(n);
    int next = 0;
    int lineStart = 0;
    while (lineStart < n && next < corrections.size()) {
      int lineEnd = lineStart;
      while (lineEnd < n && c[lineEnd] != '\n') {
        lineEnd++;
      }
      int[] first = (int[]) corrections.get(next);
      if (first[0] < lineEnd) {
        if (out.length() > 0) {
          out.copy(in, lineStart - 1);
        }
        int copied = lineStart;
        while (next < corrections.size() && ((int[]) corrections.get(next))[0] < lineEnd) {
          int[] token = (int[]) corrections.get(next);
          String word = (String) corrections.get(next + 1);
          out.copy(in, copied, token[0]);
          for (int k = 0; k < word.length(); k++) {
            out.append(word.charAt(k), in.start(token[0]), in.end(token[1] - 1));
          }
          copied = token[1];
          next += 2;
        }
        out.copy(in, copied, lineEnd);
      }
      lineStart = lineEnd + 1;
    }
    return out;
  }

  /** Whether {@code c[start, end)} is part of a longer token (letters, digits, {@code _}). */
  private static boolean inIdentifier(char[] c, int start, int end, int n) {
    return start > 0 && (Character.isLetterOrDigit(c[start - 1]) || c[start - 1] == '_')
        || end < n && (Character.isLetterOrDigit(c[end]) || c[end] == '_');
  }
}
