package com.lockllm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.Scanner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
 * {@code --policies} configures the embedded engine's custom policies.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan the `text` of each JSON line; write one scan response (or error) per line.")
final class ScanCommand implements Callable<Integer> {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  @Option(names = "--jsonl", required = true, paramLabel = "IN", description = "Input: JSON lines with a `text` field.")
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

  @Mixin
  ScannerOptions scannerOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ScanOptions scanOptions = OptionValues.scanOptions(spec, sensitivity, pii, abuse, scanMode);
    Scanner scanner = scannerOptions.scanner(spec, policies);
    ObjectMapper mapper = OBJECT_MAPPER;
    Progress progress = new Progress("scanned");
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        Writer out = output == null
            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      String line;
      long lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        out.write(scanLine(mapper, scanner, scanOptions, line, lineNumber));
        out.write('\n');
        progress.tick();
      }
      out.flush();
    }
    progress.done();
    return 0;
  }

  private static String scanLine(ObjectMapper mapper, Scanner scanner, ScanOptions options, String line, long lineNumber)
      throws JsonProcessingException {
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
      return mapper.writeValueAsString(scanner.scan(ScanRequest.of(text.asText(), options)));
    } catch (LockLLMException e) {
      return new String(LockLLMErrors.toJson(e), StandardCharsets.UTF_8);
    }
  }
}
