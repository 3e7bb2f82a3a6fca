package com.lockllm.engine.pii;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a recognizer's pattern can start matching, so that only those positions are tried. {@code
 * Matcher.find} attempts a match at every position of the text, and for patterns that open with a
 * look-behind or a case-insensitive keyword list that cost 40–490 µs per 4 KB each; most positions
 * of a prompt cannot start a phone number or an "account number is" clause. An anchor names a
 * superset of the possible starts (a digit, a keyword, an {@code @} close by), found with plain
 * character tests and {@code indexOf}, and the pattern is tried with {@code lookingAt} at those
 * positions only, its look-behinds and word boundaries still seeing the whole text. The matches are
 * those of {@code find}, which {@code AnchorTest} checks on the data sets. Not API.
 */
@FunctionalInterface
interface Anchor {
  /** Every position: plain {@code Matcher.find}. */
  Anchor ANYWHERE = text -> new Cursor() {
    @Override
    public int next(int from) {
      return from <= text.value().length() ? from : -1;
    }

    @Override
    public boolean find(Matcher m, int from) {
      return from <= text.value().length() && m.find(from);
    }
  };

  /** {@code \\d}: an ASCII digit. */
  Anchor DIGIT = chars(c -> c >= '0' && c <= '9');
  /** {@code \\p{Lu}}: an upper-case letter, or a high surrogate that may begin one. */
  Anchor UPPER_CASE = chars(
      c -> Character.getType(c) == Character.UPPERCASE_LETTER || Character.isHighSurrogate((char) c));

  /** A walk over one text's anchor positions, in increasing order. Not thread-safe. */
  Cursor cursor(SearchText text);

  /** Positions where this anchor or {@code other} accepts. */
  default Anchor or(Anchor other) {
    return anyOf(this, other);
  }

  /** Positions holding a character that {@code start} accepts. */
  static Anchor chars(IntPredicate start) {
    return keyed(start, 0, null);
  }

  /**
   * Positions {@code i} whose character at {@code i + offset} {@code key} accepts, and that {@code
   * test} accepts (it may read any character of the text). The key should be rare in prose (a
   * digit, say), since {@code test} is asked only where it is found.
   */
  static Anchor keyed(IntPredicate key, int offset, Position test) {
    // The ASCII answers go in a table: a call per character through a lambda that many anchors
    // share is not inlined, and cost 8 ns a character, nine times the look-up.
    boolean[] ascii = new boolean[128];
    for (int c = 0; c < ascii.length; c++) {
      ascii[c] = key.test(c);
    }
    return text -> {
      String s = text.value();
      return from -> {
        for (int j = from + offset; j < s.length(); j++) {
          char c = s.charAt(j);
          if ((c < 128 ? ascii[c] : key.test(c)) && (test == null || test.at(s, j - offset))) {
            return j - offset;
          }
        }
        return -1;
      };
    };
  }

  /**
   * Positions where one of {@code words} begins, compared in ASCII lower case as {@code (?i)} does;
   * each word is given in lower case.
   */
  static Anchor words(String... words) {
    return anyOf(Arrays.stream(words)
        .map(w -> (Anchor) text -> from -> text.lowerAscii().indexOf(w, from))
        .toArray(Anchor[]::new));
  }

  /** Positions where one of {@code words} begins, case-sensitively. */
  static Anchor casedWords(String... words) {
    return anyOf(Arrays.stream(words)
        .map(w -> (Anchor) text -> from -> text.value().indexOf(w, from))
        .toArray(Anchor[]::new));
  }

  /** Positions where any of {@code anchors} accepts. */
  static Anchor anyOf(Anchor... anchors) {
    return text -> {
      Cursor[] cursors = new Cursor[anchors.length];
      // The next position of each found so far (-2: not yet asked), so that no stretch of text is
      // searched twice for the same anchor.
      int[] next = new int[anchors.length];
      for (int k = 0; k < anchors.length; k++) {
        cursors[k] = anchors[k].cursor(text);
        next[k] = -2;
      }
      return from -> {
        int best = -1;
        for (int k = 0; k < cursors.length; k++) {
          if (next[k] != -1 && next[k] < from) {
            next[k] = cursors[k].next(from);
          }
          if (next[k] >= 0 && (best < 0 || next[k] < best)) {
            best = next[k];
          }
        }
        return best;
      };
    };
  }

  /**
   * Positions of a character that {@code start} accepts, with {@code mark} among the next {@code
   * within} characters: the start of a token before an {@code @}, say.
   */
  static Anchor before(char mark, int within, IntPredicate start) {
    return text -> {
      String s = text.value();
      int[] markAt = {-2};
      return from -> {
        for (int i = from; ; i++) {
          if (markAt[0] != -1 && markAt[0] <= i) {
            markAt[0] = s.indexOf(mark, i + 1);
          }
          if (markAt[0] < 0) {
            return -1;
          }
          i = Math.max(i, markAt[0] - within);
          if (i < markAt[0] && start.test(s.charAt(i))) {
            return i;
          }
        }
      };
    };
  }

  /** A matcher for {@link Cursor#find}: look-arounds and boundaries see past its region. */
  static Matcher matcher(Pattern pattern, String text) {
    return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /** Tests one position of a text. */
  @FunctionalInterface
  interface Position {
    boolean at(String text, int i);
  }

  /** An anchor's positions in one text. */
  @FunctionalInterface
  interface Cursor {
    /** The first anchor position at or after {@code from}, or -1. Calls must not go backwards. */
    int next(int from);

    /**
     * What {@code m.find(from)} finds, trying only anchor positions. {@code m} must have
     * transparent, non-anchoring bounds (see {@link Anchor#matcher}).
     */
    default boolean find(Matcher m, int from) {
      int end = m.regionEnd();
      for (int p = next(from); p >= 0; p = next(p + 1)) {
        m.region(p, end);
        if (m.lookingAt()) {
          return true;
        }
      }
      return false;
    }
  }
}
