package com.lockllm.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import picocli.CommandLine.Option;

/** {@code --progress}: how a run over a file shows its progress on standard error. */
final class ProgressOptions {
  /** The values of {@code --progress}. */
  enum Display { AUTO, BAR, LINES, OFF }

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress on standard error: auto (a bar redrawn in place when standard error is a "
          + "terminal, else a plain line every 10 s), bar, lines or off (default: ${DEFAULT-VALUE}).")
  Display display = Display.AUTO;

  /** Whether standard error is a terminal; tests replace it. */
  BooleanSupplier terminal = ProgressOptions::stderrIsTerminal;

  /** The clock of the rate and the ETA; tests replace it. */
  LongSupplier nanoClock = System::nanoTime;

  /**
   * Starts showing progress over {@code input} ({@code null}: standard input, no total). A regular
   * file's non-blank lines are counted first for the total; that reads the file once more, at
   * disk speed, far faster than it is scanned.
   */
  Progress start(String verb, Path input, PrintWriter err) throws IOException {
    Progress.Style style = switch (display) {
      case OFF -> Progress.Style.OFF;
      case BAR -> Progress.Style.BAR;
      case LINES -> Progress.Style.LINES;
      case AUTO -> terminal.getAsBoolean() ? Progress.Style.BAR : Progress.Style.LINES;
    };
    long total = style != Progress.Style.OFF && input != null && Files.isRegularFile(input)
        ? Progress.countLines(input)
        : Progress.UNKNOWN;
    return new Progress(verb, total, style, err, nanoClock);
  }

  /**
   * Whether file descriptor 2 is a terminal: on Linux, where {@code /proc/self/fd/2} points; elsewhere
   * {@link System#console()} (standard input and output on a terminal, as picocli's ANSI detection
   * assumes), with {@code Console.isTerminal()} on Java 22+, where {@code console()} is never null.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
      Console console = System.console();
      if (console == null) {
        return false;
      }
      try {
        return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
      } catch (NoSuchMethodException beforeJava22) {
        return true;
      } catch (ReflectiveOperationException e) {
        return false;
      }
    }
  }
}
