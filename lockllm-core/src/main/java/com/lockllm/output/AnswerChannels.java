package com.lockllm.output;

import com.lockllm.error.LockLLMException;

/**
 * Opens the {@link AnswerChannel}s of one answer, so that an answer format (buffered JSON or
 * server-sent events) need know nothing of the checks behind them.
 */
public interface AnswerChannels {
  /** A new channel of {@code kind}; its findings count in the answer's report. */
  AnswerChannel open(ChannelKind kind);

  /**
   * A channel for text the answer repeats after streaming it (an event that carries a part's whole
   * text once its deltas are done): checked by the same rules, so the repeat reads as the deltas
   * were sent, but its findings are not counted twice.
   */
  AnswerChannel replay(ChannelKind kind);

  /** The error that ends an answer a channel stopped. */
  LockLLMException blocked();
}
