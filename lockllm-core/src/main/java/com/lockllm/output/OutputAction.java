package com.lockllm.output;

/** What happens to answer text an {@link OutputCheck} matched. */
public enum OutputAction {
  /** Replace the match with its {@link OutputFinding#replacement()}, and go on. */
  STRIP,
  /** End the answer before the match's first character. */
  BLOCK,
  /** Let the match through unchanged, and report it. */
  WARN
}
