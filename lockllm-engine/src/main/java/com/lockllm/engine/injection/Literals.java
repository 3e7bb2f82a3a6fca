package com.lockllm.engine.injection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives from a regex the literal strings one of which every match must start with, so that a
 * rule can skip text that contains none of them ({@code String.indexOf} is far cheaper than running
 * the pattern). Conservative: when unsure it derives nothing, and the pattern always runs. Not API.
 */
final class Literals {
  private static final int MIN_LENGTH = 2;
  private static final String META = "[](){}.*+?^$|";

  private Literals() {}

  /** The possible literal starts of every match of {@code regex}, or {@code null}. */
  static List<String> leading(String regex) {
    Set<String> found = starts(regex);
    return found == null ? null : List.copyOf(found);
  }

  private static Set<String> starts(String re) {
    List<String> branches = splitTopLevel(re);
    if (branches.size() > 1) {
      Set<String> all = new LinkedHashSet<>();
      for (String b : branches) {
        Set<String> s = starts(b);
        if (s == null) {
          return null;
        }
        all.addAll(s);
      }
      return all;
    }
    int i = skipZeroWidth(re);
    if (i >= re.length()) {
      return null;
    }
    if (re.charAt(i) == '(') {
      int close = closing(re, i);
      if (close < 0 || optional(re, close + 1)) {
        return null;
      }
      int content = re.startsWith("(?:", i) ? i + 3 : re.startsWith("(?", i) ? -1 : i + 1;
      return content < 0 ? null : starts(re.substring(content, close));
    }
    StringBuilder lit = new StringBuilder();
    int j = i;
    while (j < re.length()) {
      char c = re.charAt(j);
      if (c == '\\') {
        if (j + 1 >= re.length() || Character.isLetterOrDigit(re.charAt(j + 1))) {
          break;
        }
        lit.append(re.charAt(j + 1));
        j += 2;
      } else if (META.indexOf(c) >= 0) {
        break;
      } else {
        lit.append(c);
        j++;
      }
    }
    if (j < re.length() && "?*{".indexOf(re.charAt(j)) >= 0 && lit.length() > 0) {
      lit.setLength(lit.length() - 1);
    }
    if (lit.length() < MIN_LENGTH) {
      return null;
    }
    Set<String> one = new LinkedHashSet<>();
    one.add(lit.toString());
    return one;
  }

  /** Skips leading {@code \b}, {@code ^} and lookaround groups, which match no characters. */
  private static int skipZeroWidth(String re) {
    int i = 0;
    while (i < re.length()) {
      if (re.startsWith("\\b", i)) {
        i += 2;
      } else if (re.charAt(i) == '^') {
        i++;
      } else if (re.startsWith("(?=", i) || re.startsWith("(?!", i)
          || re.startsWith("(?<=", i) || re.startsWith("(?<!", i)) {
        int close = closing(re, i);
        if (close < 0) {
          return re.length();
        }
        i = close + 1;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean optional(String re, int at) {
    if (at >= re.length()) {
      return false;
    }
    char c = re.charAt(at);
    return c == '?' || c == '*' || re.startsWith("{0", at);
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int closing(String re, int open) {
    return walk(re, open, (i, c, depth) -> c == ')' && depth == 0);
  }

  private static List<String> splitTopLevel(String re) {
    List<String> parts = new ArrayList<>();
    int[] start = {0};
    walk(re, 0, (i, c, depth) -> {
      if (c == '|' && depth == 0) {
        parts.add(re.substring(start[0], i));
        start[0] = i + 1;
      }
      return false;
    });
    parts.add(re.substring(start[0]));
    return parts;
  }

  /** Sees a grouping character ({@code ( ) |}) with the group depth after it. */
  @FunctionalInterface
  private interface Visitor {
    /** Returns true to stop the walk at this character. */
    boolean visit(int index, char c, int depth);
  }

  /**
   * Visits the grouping characters of {@code re} from {@code from} on, skipping escapes and
   * character classes; returns the index where the visitor stopped, or -1.
   */
  private static int walk(String re, int from, Visitor visitor) {
    int depth = 0;
    boolean inClass = false;
    for (int i = from; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' || c == ')' || c == '|') {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (visitor.visit(i, c, depth)) {
          return i;
        }
      }
    }
    return -1;
  }
}
