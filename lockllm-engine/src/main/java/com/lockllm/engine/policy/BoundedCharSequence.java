package com.lockllm.engine.policy;

/**
 * A view of a string that gives up after a fixed number of character reads, so a regular
 * expression that backtracks without end stops instead of hanging the request.
 */
final class BoundedCharSequence implements CharSequence {
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private final int from;
  private final int to;
  private final long[] budget;

  BoundedCharSequence(String text, long budget) {
    this(text, 0, text.length(), new long[] {budget});
  }

  private BoundedCharSequence(String text, int from, int to, long[] budget) {
    this.text = text;
    this.from = from;
    this.to = to;
    this.budget = budget;
  }

  @Override
  public int length() {
    return to - from;
  }

  @Override
  public char charAt(int index) {
    if (--budget[0] < 0) {
      throw new Exhausted();
    }
    return text.charAt(from + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedCharSequence(text, from + start, from + end, budget);
  }

  @Override
  public String toString() {
    return text.substring(from, to);
  }
}
