package com.lockllm.engine.pii;

/** One piece of personal data: its LockLLM entity type (see {@link PiiTypes}) and span {@code [start, end)}. */
public record PiiEntity(String type, int start, int end) {
  public PiiEntity {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("entity span must satisfy 0 <= start < end, got [" + start + ", " + end + ")");
    }
  }

  /** The placeholder that replaces this entity under {@code strip}: {@code [Type]}. */
  public String placeholder() {
    return "[" + type + "]";
  }
}
