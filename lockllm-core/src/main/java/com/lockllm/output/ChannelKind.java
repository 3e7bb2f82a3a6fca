package com.lockllm.output;

/** What an answer's text channel carries; each is guarded on its own, by the same rules. */
public enum ChannelKind {
  /** The answer text shown to the user (message content, output text, Gemini text parts). */
  TEXT,
  /** A tool or function call's arguments (JSON text, or the string leaves of an argument object). */
  TOOL_ARGUMENTS,
  /** Reasoning or thinking text and summaries. */
  REASONING
}
