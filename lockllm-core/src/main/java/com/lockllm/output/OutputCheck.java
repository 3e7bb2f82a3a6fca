package com.lockllm.output;

import java.util.List;

/** One deterministic check of answer text (secrets, exfiltration links, canaries): where it matches, and what each match becomes when redacted. Thread-safe. */
public interface OutputCheck {
  /** The matches in {@code text}, in order, not overlapping; none: an empty list. */
  List<OutputFinding> find(CharSequence text);

  /** The longest text one match can span, in characters: how much a stream must hold back so that a match split across chunks is still seen whole. */
  int maxSpan();
}
