package com.lockllm.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression rules read as one {@link OutputCheck}, so that a stream can resume the reading
 * anywhere and knows which positions more text could change. Not API.
 *
 * <p>At each position, each rule's match there (what {@link Matcher#find} finds at that position,
 * lookbehind included) is a finding or not; the matches are, from where the reading starts, the
 * earliest finding, then the earliest from where that one ends, and so on (at one position the
 * longest, then the earlier rule). A match thus depends only on the text from its position and
 * the {@code lookBehind} characters before it, never on where an earlier reading began, and {@link
 * #undecided} can test each position with the rules anchored there: whether the regex engine hit
 * the end of the text ({@link Matcher#hitEnd()}) says whether more text could change what matches.
 */
final class AnchoredRules {
  /**
   * One rule.
   *
   * @param pattern its shape
   * @param accepts whether a match is a finding (validated, not a placeholder, not allowlisted)
   * @param type the finding's type
   * @param replacement what the finding becomes
   */
  record Rule(Pattern pattern, Predicate<Matcher> accepts, Function<Matcher, String> type, Function<Matcher, String> replacement) {
    /** A rule whose findings have one type and become {@code [REDACTED_<type>]}. */
    static Rule redacted(String type, Pattern pattern, Predicate<Matcher> accepts) {
      String replacement = "[REDACTED_" + type + "]";
      return new Rule(pattern, accepts, m -> type, m -> replacement);
    }
  }

  private final List<Rule> rules;

  AnchoredRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The matches starting at or after {@code from}; the text before it is read only by lookbehinds and anchors. */
  List<OutputFinding> find(CharSequence text, int from) {
    int length = text.length();
    Matcher[] matchers = matchers(text);
    OutputFinding[] next = new OutputFinding[rules.size()];
    boolean[] exhausted = new boolean[rules.size()];
    List<OutputFinding> found = new ArrayList<>();
    for (int at = from; at < length; ) {
      OutputFinding earliest = null;
      for (int r = 0; r < rules.size(); r++) {
        if (!exhausted[r] && (next[r] == null || next[r].start() < at)) {
          next[r] = next(r, matchers[r], at, length);
          exhausted[r] = next[r] == null;
        }
        OutputFinding candidate = next[r];
        if (candidate != null && (earliest == null || candidate.start() < earliest.start()
            || candidate.start() == earliest.start() && candidate.end() > earliest.end())) {
          earliest = candidate;
        }
      }
      if (earliest == null) {
        break;
      }
      found.add(earliest);
      at = earliest.end();
    }
    return found;
  }

  /**
   * The first position at or after {@code from}, outside the matches before it, where a rule
   * anchored there hit the end of the text (a match that could still begin, grow or shrink, or
   * stop being one); {@code text.length()} when there is none.
   */
  int undecided(CharSequence text, int from) {
    int length = text.length();
    Matcher[] matchers = matchers(text);
    for (int at = from; at < length; ) {
      int end = -1;
      for (int r = 0; r < rules.size(); r++) {
        Matcher m = matchers[r].region(at, length);
        boolean matched = m.lookingAt();
        if (m.hitEnd()) {
          return at;
        }
        if (matched && m.end() > end && m.end() > at && rules.get(r).accepts().test(m)) {
          end = m.end();
        }
      }
      at = end < 0 ? at + 1 : end;
    }
    return length;
  }

  private Matcher[] matchers(CharSequence text) {
    Matcher[] matchers = new Matcher[rules.size()];
    for (int r = 0; r < matchers.length; r++) {
      // transparent bounds: a lookbehind or an anchor at the region's start reads the text before it
      matchers[r] = rules.get(r).pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }
    return matchers;
  }

  /** Rule {@code r}'s first finding at or after {@code at}, or null when there is none. */
  private OutputFinding next(int r, Matcher m, int at, int length) {
    Rule rule = rules.get(r);
    for (int start = at; start < length; start = m.start() + 1) {
      if (!m.region(start, length).find()) {
        return null;
      }
      if (m.end() > m.start() && rule.accepts().test(m)) {
        return new OutputFinding(rule.type().apply(m), m.start(), m.end(), rule.replacement().apply(m));
      }
    }
    return null;
  }
}
