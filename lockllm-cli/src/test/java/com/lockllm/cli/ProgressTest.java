package com.lockllm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @TempDir
  Path dir;

  final StringWriter err = new StringWriter();
  long now = 0;

  Progress progress(long total, Progress.Style style) {
    return new Progress("scanned", total, style, new PrintWriter(err, true), () -> now);
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceWithTotalPercentRateAndEta() {
    Progress progress = progress(10, Progress.Style.BAR);
    assertThat(err.toString()).isEqualTo("\rscanned [....................] 0% 0/10 lines, 0.0 lines/s, ETA --:--");

    now = 2 * SECOND;
    progress.tick();
    progress.tick();
    now = 3 * SECOND;
    progress.tick();
    now = 3 * SECOND + Progress.BAR_INTERVAL_NANOS - 1;
    progress.tick(); // too soon: not drawn
    assertThat(err.toString()).endsWith("\rscanned [######..............] 30% 3/10 lines, 1.0 lines/s, ETA 0:07")
        .doesNotContain("\n", "4/10");

    now = 8 * SECOND;
    for (int i = 0; i < 6; i++) {
      progress.tick(); // drawn once: the clock did not move
    }
    progress.done();
    String out = err.toString();
    assertThat(out).endsWith("\rscanned [##########..........] 50% 5/10 lines, 0.6 lines/s, ETA 0:08"
        + "\r" + " ".repeat(68) + "\r" + "scanned 10 lines in 8.0 s (1.3 lines/s)\n");
    assertThat(out.chars().filter(c -> c == '\n').count()).as("one line, redrawn, then the closing line").isOne();
  }

  @Test
  void elsewhereAPlainLineEveryTenSecondsWithTheSameFields() {
    Progress progress = progress(20_000, Progress.Style.LINES);
    now = Progress.LINE_INTERVAL_NANOS - 1;
    progress.tick();
    assertThat(err.toString()).isEmpty();
    now = Progress.LINE_INTERVAL_NANOS;
    for (int i = 0; i < 1_499; i++) {
      progress.tick();
    }
    now = 3_700 * SECOND; // an hour later
    progress.tick();
    progress.done();
    assertThat(err.toString()).doesNotContain("\r").isEqualTo("""
        scanned 2/20,000 lines (0%), 0.2 lines/s, ETA 27:46:30
        scanned 1,501/20,000 lines (7%), 0.4 lines/s, ETA 12:40:01
        scanned 1,501 lines in 3700.0 s (0.4 lines/s)
        """);
  }

  @Test
  void withoutATotalTheCountAndTheRateOnly() {
    Progress bar = progress(Progress.UNKNOWN, Progress.Style.BAR);
    for (int i = 0; i < 24; i++) {
      bar.tick(); // the clock did not move: not drawn
    }
    now = SECOND;
    bar.tick();
    assertThat(err.toString()).endsWith("\rscanned 25 lines, 25 lines/s").doesNotContain("%", "ETA");

    err.getBuffer().setLength(0);
    Progress lines = progress(Progress.UNKNOWN, Progress.Style.LINES);
    now += Progress.LINE_INTERVAL_NANOS;
    lines.tick();
    assertThat(err.toString()).isEqualTo("scanned 1 lines, 0.1 lines/s\n");
  }

  @Test
  void aMessageClearsTheBarAndRedrawsIt() {
    Progress progress = progress(2, Progress.Style.BAR);
    progress.message("line 1: scan failed");
    assertThat(err.toString()).matches("\rscanned \\[\\.{20}\\] 0% [^\r\n]+\r +\rline 1: scan failed\n\rscanned \\[\\.{20}\\] 0% .+");
  }

  @Test
  void offShowsNothing() {
    Progress progress = progress(2, Progress.Style.OFF);
    progress.tick();
    progress.done();
    assertThat(progress.count()).isOne();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void countsTheNonBlankLinesAsTheRunDoes() throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, "{\"text\":\"a\"}\r\n\n   \t\r\n{\"text\":\"\u00e9\"}\n{\"text\":\"no newline at the end\"}");
    assertThat(Progress.countLines(file)).isEqualTo(3);
    Files.writeString(file, "a\n".repeat(100_000));
    assertThat(Progress.countLines(file)).isEqualTo(100_000);
    Files.writeString(file, "");
    assertThat(Progress.countLines(file)).isZero();
  }

  @Test
  void standardErrorIsNotATerminalUnderTheTestRunner() {
    assertThat(ProgressOptions.stderrIsTerminal()).isFalse();
  }

  /** The scan command as it runs, with the "is a terminal" flag and the clock of a test. */
  @Test
  void scanDrawsABarOnATerminalAndPlainLinesElsewhere() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.write(in, java.util.List.of("{\"text\":\"What is 2 + 2?\"}", "", "{\"text\":\"Name a red fruit.\"}",
        "{\"text\":\"How tall is Everest?\"}"));
    Path out = dir.resolve("out.jsonl");

    CommandLine terminal = commandLine(true, SECOND);
    assertThat(terminal.execute("scan", "--jsonl", in.toString(), "--out", out.toString())).isZero();
    assertThat(err.toString())
        .startsWith("\rscanned [....................] 0% 0/3 lines")
        .contains("\rscanned [######..............] 33% 1/3 lines, 1.0 lines/s, ETA 0:02")
        .endsWith("\rscanned 3 lines in 4.0 s (0.8 lines/s)\n");

    err.getBuffer().setLength(0);
    CommandLine log = commandLine(false, 10 * SECOND);
    assertThat(log.execute("scan", "--jsonl", in.toString(), "--out", out.toString())).isZero();
    assertThat(err.toString()).isEqualTo("""
        scanned 1/3 lines (33%), 0.1 lines/s, ETA 0:20
        scanned 2/3 lines (66%), 0.1 lines/s, ETA 0:10
        scanned 3/3 lines (100%), 0.1 lines/s, ETA 0:00
        scanned 3 lines in 40.0 s (0.1 lines/s)
        """);

    err.getBuffer().setLength(0);
    CommandLine off = commandLine(true, SECOND);
    assertThat(off.execute("scan", "--jsonl", in.toString(), "--out", out.toString(), "--progress", "off")).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(Files.readAllLines(out)).hasSize(3);
  }

  @Test
  void scanOfStandardInputHasNoTotal() throws Exception {
    Path out = dir.resolve("out.jsonl");
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream("{\"text\":\"hello\"}\n{\"text\":\"bye\"}\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(commandLine(false, 10 * SECOND).execute("scan", "--jsonl", "-", "--out", out.toString())).isZero();
    } finally {
      System.setIn(original);
    }
    assertThat(Files.readAllLines(out)).hasSize(2);
    assertThat(err.toString()).isEqualTo("""
        scanned 1 lines, 0.1 lines/s
        scanned 2 lines, 0.1 lines/s
        scanned 2 lines in 30.0 s (0.1 lines/s)
        """);
  }

  /** The CLI, its progress on {@link #err}, stderr a terminal or not, the clock {@code step} further each time it is read. */
  CommandLine commandLine(boolean isTerminal, long step) {
    CommandLine commandLine = LockLLMCli.commandLine().setErr(new PrintWriter(err, true));
    ScanCommand scan = commandLine.getSubcommands().get("scan").getCommand();
    scan.progressOptions.terminal = () -> isTerminal;
    long[] clock = {0};
    scan.progressOptions.nanoClock = () -> clock[0] += step;
    return commandLine;
  }
}
