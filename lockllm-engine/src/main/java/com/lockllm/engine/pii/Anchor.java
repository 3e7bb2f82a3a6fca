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
abstract class Anchor {
  /** Every position: plain {@code Matcher.find}. */
  static final Anchor ANYWHERE = new Anchor() {
    @Override
    Cursor cursor(SearchText text) {
      String s = text.value();
      return new Cursor() {
        @Override
        int next(int from) {
          return from <= s.length() ? from : -1;
        }

        @Override
        boolean find(Matcher m, int from) {
          return from <= s.length() && m.find(from);
        }
      };
    }
  };

  /** {@code \\d}: an ASCII digit. */
  static final Anchor DIGIT = chars(c -> c >= '0' && c <= '9');
  /** {@code \\p{Lu}}: an upper-case letter, or a high surrogate that may begin one. */
  static final Anchor UPPER_CASE = chars(
      c -> Character.getType(c) == Character.UPPERCASE_LETTER || Character.isHighSurrogate((char) c));

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
    return new Anchor() {
      @Override
      Cursor cursor(SearchText text) {
        String s = text.value();
        return new Cursor() {
          @Override
          int next(int from) {
            for (int j = from + offset; j < s.length(); j++) {
              char c = s.charAt(j);
              if ((c < 128 ? ascii[c] : key.test(c)) && (test == null || test.at(s, j - offset))) {
                return j - offset;
              }
            }
            return -1;
          }
        };
      }
    };
  }

  /**
   * Positions where one of {@code words} begins, compared in ASCII lower case as {@code (?i)} does;
   * each word is given in lower case.
   */
  static Anchor words(String... words) {
    return words(true, words);
  }

  /** Positions where one of {@code words} begins, case-sensitively. */
  static Anchor casedWords(String... words) {
    return words(false, words);
  }

  private static Anchor words(boolean ignoreCase, String... words) {
    return new Anchor() {
      @Override
      Cursor cursor(SearchText text) {
        String s = ignoreCase ? text.lowerAscii() : text.value();
        // The next occurrence of each word found so far, so no stretch of text is searched twice.
        int[] at = new int[words.length];
        Arrays.fill(at, -2);
        return new Cursor() {
          @Override
          int next(int from) {
            int best = -1;
            for (int w = 0; w < words.length; w++) {
              if (at[w] != -1 && at[w] < from) {
                at[w] = s.indexOf(words[w], from);
              }
              if (at[w] >= 0 && (best < 0 || at[w] < best)) {
                best = at[w];
              }
            }
            return best;
          }
        };
      }
    };
  }

  /**
   * Positions of a character that {@code start} accepts, with {@code mark} among the next {@code
   * within} characters: the start of a token before an {@code @}, say.
   */
  static Anchor before(char mark, int within, IntPredicate start) {
    return new Anchor() {
      @Override
      Cursor cursor(SearchText text) {
        String s = text.value();
        return new Cursor() {
          private int markAt = -2;

          @Override
          int next(int from) {
            for (int i = from; ; i++) {
              if (markAt != -1 && markAt <= i) {
                markAt = s.indexOf(mark, i + 1);
              }
              if (markAt < 0) {
                return -1;
              }
              i = Math.max(i, markAt - within);
              if (i < markAt && start.test(s.charAt(i))) {
                return i;
              }
            }
          }
        };
      }
    };
  }

  /** Positions where this anchor or {@code other} accepts. */
  Anchor or(Anchor other) {
    Anchor self = this;
    return new Anchor() {
      @Override
      Cursor cursor(SearchText text) {
        Cursor a = self.cursor(text);
        Cursor b = other.cursor(text);
        return new Cursor() {
          private int nextA = -2;
          private int nextB = -2;

          @Override
          int next(int from) {
            if (nextA != -1 && nextA < from) {
              nextA = a.next(from);
            }
            if (nextB != -1 && nextB < from) {
              nextB = b.next(from);
            }
            return nextA < 0 ? nextB : nextB < 0 ? nextA : Math.min(nextA, nextB);
          }
        };
      }
    };
  }

  /** A walk over one text's anchor positions, in increasing order. Not thread-safe. */
  abstract Cursor cursor(SearchText text);

  /** Tests one position of a text. */
  @FunctionalInterface
  interface Position {
    boolean at(String text, int i);
  }

  abstract static class Cursor {
    /** The first anchor position at or after {@code from}, or -1. Calls must not go backwards. */
    abstract int next(int from);

    /**
     * What {@code m.find(from)} finds, trying only anchor positions. {@code m} must have
     * transparent, non-anchoring bounds (see {@link #matcher}).
     */
    boolean find(Matcher m, int from) {
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

  /** A matcher for {@link Cursor#find}: look-arounds and boundaries see past its region. */
  static Matcher matcher(Pattern pattern, String text) {
    return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
  }
}
