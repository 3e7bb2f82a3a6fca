package com.lockllm.output;

/**
 * One text channel of one answer (the text of a choice, one tool call's arguments, the reasoning
 * text) as it is checked: {@link #accept} takes the next chunk and returns what may be sent now,
 * {@link #finish} the rest once the channel ends. When {@link #stopped()} turns true the answer
 * must end after the text returned so far, with the provider's error. Not thread-safe.
 */
public interface AnswerChannel {
  /** Appends {@code chunk}; returns the text that may be sent now, possibly empty. */
  String accept(String chunk);

  /** Ends the channel; returns the text held back, checked. */
  String finish();

  /** Whether a check blocked the answer: nothing more of it may be sent. */
  boolean stopped();
}
