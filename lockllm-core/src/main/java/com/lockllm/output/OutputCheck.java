package com.lockllm.output;

import java.util.ArrayList;
import java.util.List;

/**
 * One deterministic check of answer text (secrets, exfiltration links, personal data, canaries,
 * restoring placeholders): where it matches, and what each match becomes when redacted.
 * Thread-safe.
 */
public interface OutputCheck {
  /** The matches in {@code text}, in order, not overlapping; none: an empty list. */
  List<OutputFinding> find(CharSequence text);

  /**
   * The matches that start at or after {@code from}, in order, not overlapping, with positions in
   * {@code text}. The text before {@code from} is context only (a lookbehind, a word that must
   * stand before a number): at most {@link #lookBehind()} characters of it are read. The default
   * reads the text from {@code from} as if it began there.
   *
   * <p>A stream resumes its reading here, so where no match of {@code find(text)} straddles {@code
   * from}, this must be exactly those of its matches that start at or after {@code from}: a match
   * may not depend on where an earlier reading began (as it does when one rule's match hides
   * another's in a merge of separately scanned rules).
   */
  default List<OutputFinding> find(CharSequence text, int from) {
    if (from == 0) {
      return find(text);
    }
    List<OutputFinding> shifted = new ArrayList<>();
    for (OutputFinding f : find(text.subSequence(from, text.length()))) {
      shifted.add(new OutputFinding(f.type(), f.start() + from, f.end() + from, f.replacement()));
    }
    return shifted;
  }

  /** The longest text one match can span, in characters: how much a stream must hold back so that a match split across chunks is still seen whole. */
  int maxSpan();

  /** How many characters before a match's start decide whether it matches (lookbehind, context words); 0 when none. */
  default int lookBehind() {
    return 0;
  }

  /**
   * The first position at or after {@code from} where {@code text} followed by more text could hold
   * a match that {@code find(text, from)} does not report as it will be (a match not yet found, or
   * one whose end could still move); {@code text.length()} when every position is decided. A
   * stream releases what lies before it. The default knows nothing of the shapes it matches: the
   * last {@link #maxSpan()} characters are undecided.
   */
  default int undecided(CharSequence text, int from) {
    return Math.max(from, text.length() - maxSpan());
  }
}
