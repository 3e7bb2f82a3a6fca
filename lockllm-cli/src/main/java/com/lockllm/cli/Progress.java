package com.lockllm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run over JSON lines, on standard error. {@link Style#BAR} (a terminal) redraws one
 * line in place with {@code \r} at most five times a second; {@link Style#LINES} (CI logs, a file)
 * prints a plain line every ten seconds. Both show done/total, percentage, rate and ETA when the
 * total is known, the count and the rate when not (standard input, a pipe); {@link #done()} ends
 * with the count, the time and the rate.
 */
final class Progress {
  /** How progress is shown. */
  enum Style { BAR, LINES, OFF }

  /** The total of a run whose input cannot be counted first. */
  static final long UNKNOWN = -1;
  static final long BAR_INTERVAL_NANOS = 200_000_000L;
  static final long LINE_INTERVAL_NANOS = 10_000_000_000L;
  private static final int BAR_WIDTH = 20;

  private final String verb;
  private final long total;
  private final Style style;
  private final PrintWriter err;
  private final LongSupplier nanoClock;
  private final long start;
  private long count;
  private long lastReport;
  private int drawn;

  /**
   * Starts the clock; a bar is drawn at once, so the total shows before the first line is done.
   *
   * @param total lines to do, or {@link #UNKNOWN}
   * @param nanoClock {@link System#nanoTime()} or a test's clock
   */
  Progress(String verb, long total, Style style, PrintWriter err, LongSupplier nanoClock) {
    this.verb = verb;
    this.total = total;
    this.style = style;
    this.err = err;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.lastReport = start;
    if (style == Style.BAR) {
      draw(start);
    }
  }

  /** One more line done. */
  void tick() {
    count++;
    if (style == Style.OFF) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - lastReport >= (style == Style.BAR ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) {
      lastReport = now;
      if (style == Style.BAR) {
        draw(now);
      } else {
        err.println(status(now, false));
        err.flush();
      }
    }
  }

  /** Prints a message on its own line, the bar (if any) cleared before and redrawn after. */
  void message(String message) {
    if (style == Style.BAR) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
    err.println(message);
    if (style == Style.BAR) {
      draw(nanoClock.getAsLong());
    }
    err.flush();
  }

  /** Clears the bar and prints the closing line. */
  void done() {
    if (style == Style.OFF) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (style == Style.BAR) {
      err.print("\r" + " ".repeat(drawn) + "\r");
    }
    err.printf(Locale.ROOT, "%s %,d lines in %.1f s (%s lines/s)%n", verb, count, seconds(now), rate(now));
    err.flush();
  }

  long count() {
    return count;
  }

  /**
   * The non-blank lines of {@code file} (those a run scans), counted over its bytes in a small
   * buffer, so a file of any size is counted in memory of a few kilobytes.
   */
  static long countLines(Path file) throws IOException {
    long lines = 0;
    boolean content = false;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            if (content) {
              lines++;
            }
            content = false;
          } else if (!content && b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
            content = true;
          }
        }
      }
    }
    return content ? lines + 1 : lines;
  }

  /**
   * {@code scanned [#####...............] 25% 2,500/10,000 lines, 1,250 lines/s, ETA 0:06} as a bar,
   * {@code scanned 2,500/10,000 lines (25%), 1,250 lines/s, ETA 0:06} as a line, {@code scanned
   * 2,500 lines, 1,250 lines/s} either way without a total.
   */
  String status(long now, boolean bar) {
    if (total == UNKNOWN) {
      return String.format(Locale.ROOT, "%s %,d lines, %s lines/s", verb, count, rate(now));
    }
    long of = Math.max(total, count); // a file that changed since it was counted
    int percent = of == 0 ? 100 : (int) (count * 100 / of);
    String counts = String.format(Locale.ROOT, "%,d/%,d lines", count, of);
    String eta = eta(of - count, now);
    if (bar) {
      int filled = of == 0 ? BAR_WIDTH : (int) (count * BAR_WIDTH / of);
      return String.format(Locale.ROOT, "%s [%s%s] %d%% %s, %s lines/s, ETA %s", verb, "#".repeat(filled),
          ".".repeat(BAR_WIDTH - filled), percent, counts, rate(now), eta);
    }
    return String.format(Locale.ROOT, "%s %s (%d%%), %s lines/s, ETA %s", verb, counts, percent, rate(now), eta);
  }

  private void draw(long now) {
    String line = status(now, true);
    err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    err.flush();
    drawn = line.length();
  }

  private double seconds(long now) {
    return (now - start) / 1e9;
  }

  private String rate(long now) {
    double rate = count / Math.max(1e-9, seconds(now));
    return String.format(Locale.ROOT, rate < 10 ? "%.1f" : "%,.0f", rate);
  }

  /** {@code m:ss} or {@code h:mm:ss} at the average rate so far; {@code --:--} before the first line. */
  private String eta(long remaining, long now) {
    if (count == 0 || now == start) {
      return "--:--";
    }
    long seconds = (long) Math.ceil(remaining * seconds(now) / count);
    long hours = seconds / 3600;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
