package com.lockllm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.AbuseDetectedException;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.PiiDetectedException;
import com.lockllm.error.PolicyViolationException;
import com.lockllm.error.PromptInjectionException;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scan --jsonl IN [--out OUT]}: one LockLLM scan response per input line, in order, streamed
 * so memory stays flat however long the file. A line whose scan fails yields
 * {@code {"error":{...}}} and the run goes on. {@code --abuse}, {@code --scan-mode} (and {@code
 * --pii}, {@code --sensitivity}) become the {@link ScanOptions} of every scan, embedded or remote;
 * {@code --policies} configures the embedded engine's custom policies. {@code --fail-on} turns the
 * run into a gate for CI: exit {@link LockLLMCli#MATCHED} when a prompt matched, {@link
 * LockLLMCli#ERROR} when a line could not be scanned.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan the `text` of each JSON line; write one scan response (or error) per line.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        LockLLMCli.OK + ":done; with --fail-on, every line scanned and no prompt matched",
        LockLLMCli.MATCHED + ":with --fail-on, at least one prompt matched",
        LockLLMCli.USAGE + ":usage error (an unknown option, a bad value, an invalid --policies file)",
        LockLLMCli.ERROR + ":IN unreadable or the scanner failed to start; with --fail-on, also a line not "
            + "scanned (not JSON, no `text`, a failed scan) when no prompt matched"})
final class ScanCommand implements Callable<Integer> {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
  /** How many matched or failed line numbers the closing summary names. */
  private static final int LINES_NAMED = 10;

  /** What {@code --fail-on} fails the run on. */
  enum FailOn {
    UNSAFE, PII, ANY;

    boolean matches(Outcome outcome) {
      return switch (this) {
        case UNSAFE -> outcome.unsafe();
        case PII -> outcome.pii();
        case ANY -> outcome.unsafe() || outcome.pii();
      };
    }
  }

  /** One line's answer, and what {@code --fail-on} needs of it. */
  record Outcome(String json, boolean unsafe, boolean pii, boolean error) {}

  @Option(names = "--jsonl", required = true, paramLabel = "IN",
      description = "Input: JSON lines with a `text` field (`-`: standard input).")
  Path input;
  @Option(names = "--out", paramLabel = "OUT", description = "Output file (default: standard output).")
  Path output;

  @Option(names = "--sensitivity", paramLabel = "LEVEL", description = "low, medium (default) or high.")
  String sensitivity;

  @Option(names = "--pii", paramLabel = "ACTION", description = "Detect personal data: strip, mask (numbered placeholders), block or allow_with_warning.")
  String pii;

  @Option(names = "--abuse", paramLabel = "ACTION",
      description = "Detect content abuse (bot-like, repetitive or oversized input): block or allow_with_warning.")
  String abuse;

  @Option(names = "--scan-mode", paramLabel = "MODE",
      description = "normal (injection only), policy_only or combined (default: injection and custom policies).")
  String scanMode;

  @Option(names = "--policies", paramLabel = "FILE",
      description = "Custom policies for the embedded engine: a .properties file (keys `policies...`, "
          + "`policy-similarity`, optionally under `lockllm.`).")
  Path policies;

  @Option(names = "--fail-on", paramLabel = "WHAT",
      description = "Exit 1 if a prompt is: unsafe (not safe under the scan's options: an injection, a "
          + "custom policy, or blocked by the API), pii (personal data found; detected as "
          + "allow_with_warning unless --pii is given) or any (either). A line that could not be "
          + "scanned then exits 3, unless a prompt matched.")
  FailOn failOn;

  @Mixin
  ScannerOptions scannerOptions;

  @Mixin
  ProgressOptions progressOptions;

  @Mixin
  LoggingOptions loggingOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    loggingOptions.apply();
    String piiAction = pii == null && failOn != null && failOn != FailOn.UNSAFE ? "allow_with_warning" : pii;
    ScanOptions scanOptions = OptionValues.scanOptions(spec, sensitivity, piiAction, abuse, scanMode);
    boolean stdin = "-".equals(input.toString());
    // opened before the engine loads, so a missing file fails at once
    try (BufferedReader in = stdin
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      Scanner scanner = scannerOptions.scanner(spec, policies);
      PrintWriter err = spec.commandLine().getErr();
      Progress progress = progressOptions.start("scanned", stdin ? null : input, err);
      Verdict verdict = new Verdict();
      try (Writer out = output == null
          ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
          : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        String line;
        long lineNumber = 0;
        while ((line = in.readLine()) != null) {
          lineNumber++;
          if (line.isBlank()) {
            continue;
          }
          Outcome outcome = scanLine(scanner, scanOptions, line, lineNumber);
          out.write(outcome.json());
          out.write('\n');
          progress.tick();
          if (failOn != null) {
            verdict.add(lineNumber, failOn.matches(outcome), outcome.error());
          }
        }
        out.flush();
      }
      progress.done();
      if (failOn == null) {
        return LockLLMCli.OK;
      }
      err.printf(Locale.ROOT, "lockllm scan: --fail-on %s: %s%n", failOn.name().toLowerCase(Locale.ROOT),
          verdict.describe(progress.count()));
      err.flush();
      return verdict.exitCode();
    }
  }

  /** What {@code --fail-on} found: how many lines matched or failed, and the first line numbers of each. */
  private static final class Verdict {
    private final List<Long> matched = new ArrayList<>();
    private final List<Long> failed = new ArrayList<>();
    private long matchedCount;
    private long failedCount;

    void add(long lineNumber, boolean matches, boolean error) {
      if (matches && matchedCount++ < LINES_NAMED) {
        matched.add(lineNumber);
      } else if (!matches && error && failedCount++ < LINES_NAMED) {
        failed.add(lineNumber);
      }
    }

    /** A match wins over a failed line: the prompt is known to be unsafe, a retry will not change it. */
    int exitCode() {
      return matchedCount > 0 ? LockLLMCli.MATCHED : failedCount > 0 ? LockLLMCli.ERROR : LockLLMCli.OK;
    }

    /** {@code 2 lines matched (4, 17); 1 line could not be scanned (9)}, or that none matched. */
    String describe(long scanned) {
      List<String> parts = new ArrayList<>();
      if (matchedCount > 0) {
        parts.add(lines(matchedCount, matched, "matched"));
      }
      if (failedCount > 0) {
        parts.add(lines(failedCount, failed, "could not be scanned"));
      }
      return parts.isEmpty() ? "no prompt matched (" + scanned + " lines scanned)" : String.join("; ", parts);
    }

    private static String lines(long count, List<Long> named, String what) {
      return count + (count == 1 ? " line " : " lines ") + what + " ("
          + named.stream().map(String::valueOf).collect(Collectors.joining(", "))
          + (count > named.size() ? ", ..." : "") + ")";
    }
  }

  /**
   * Scans one line. An error answer of a block action (the API's {@code pii_detected}, {@code
   * prompt_injection_detected}, {@code policy_violation}, {@code abuse_detected}) is a match, not a
   * failed scan: the prompt was checked and found unsafe.
   */
  private static Outcome scanLine(Scanner scanner, ScanOptions options, String line, long lineNumber)
      throws JsonProcessingException {
    ObjectMapper mapper = OBJECT_MAPPER;
    try {
      JsonNode row;
      try {
        row = mapper.readTree(line);
      } catch (JsonProcessingException e) {
        throw InvalidRequestErrors.invalidJson("line " + lineNumber + " is not a JSON object");
      }
      JsonNode text = row == null ? null : row.get("text");
      if (text == null || !text.isTextual()) {
        throw InvalidRequestErrors.promptNotFound("line " + lineNumber + " has no string field `text`");
      }
      ScanResponse response = scanner.scan(ScanRequest.of(text.asText(), options));
      PiiResult pii = response.piiResult();
      boolean piiFound = pii != null && (Boolean.TRUE.equals(pii.detected())
          || (pii.entityCount() != null && pii.entityCount() > 0));
      return new Outcome(mapper.writeValueAsString(response), !response.safe(), piiFound, false);
    } catch (LockLLMException e) {
      String json = new String(LockLLMErrors.toJson(e), StandardCharsets.UTF_8);
      boolean blocked = e instanceof PromptInjectionException || e instanceof PolicyViolationException
          || e instanceof AbuseDetectedException;
      boolean piiBlocked = e instanceof PiiDetectedException;
      return new Outcome(json, blocked, piiBlocked, !blocked && !piiBlocked);
    }
  }
}
