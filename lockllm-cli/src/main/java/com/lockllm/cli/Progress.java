package com.lockllm.cli;

/** Progress on standard error, at most once a second, and a closing rate. */
final class Progress {
  private final String verb;
  private final long start = System.nanoTime();
  private long count;
  private long lastReport = start;

  Progress(String verb) {
    this.verb = verb;
  }

  void tick() {
    count++;
    long now = System.nanoTime();
    if (now - lastReport >= 1_000_000_000L) {
      lastReport = now;
      System.err.printf("%s %,d lines (%,.0f lines/s)%n", verb, count, rate(now));
    }
  }

  void done() {
    long now = System.nanoTime();
    System.err.printf("%s %,d lines in %.1f s (%,.0f lines/s)%n", verb, count, (now - start) / 1e9, rate(now));
  }

  long count() {
    return count;
  }

  private double rate(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    return count / seconds;
  }
}
