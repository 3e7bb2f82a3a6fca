package com.lockllm.engine.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.LockLLMException;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a {@link Scanner} over a JSON Lines file of {@code {"text", "label", "category"}} rows and
 * feeds the results to an {@link Evaluation}: the score is {@code injection}, the prediction
 * {@code label}. Rows without a {@code label} or a string {@code text} are skipped; a row whose scan
 * fails is reported to the {@link Listener} and left out of the figures.
 */
public final class DatasetEvaluator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Hears about each row as it is evaluated, e.g. to show progress. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** A row was scanned and counted. */
    default void scanned() {}

    /** The row on {@code line} (1-based) could not be scanned. */
    default void failed(long line, LockLLMException error) {}
  }

  private final Scanner scanner;
  private final ScanOptions options;

  private DatasetEvaluator(Scanner scanner, Sensitivity sensitivity) {
    this.scanner = scanner;
    this.options = ScanOptions.builder().sensitivity(sensitivity).build().resolved();
  }

  public static DatasetEvaluator of(Scanner scanner, Sensitivity sensitivity) {
    return new DatasetEvaluator(scanner, sensitivity);
  }

  /** Evaluates every labelled row of {@code jsonl}. */
  public EvaluationReport evaluate(Path jsonl) throws IOException {
    return evaluate(jsonl, Listener.NONE);
  }

  /** Evaluates every labelled row of {@code jsonl}, one line in memory at a time. */
  public EvaluationReport evaluate(Path jsonl, Listener listener) throws IOException {
    Evaluation evaluation = Evaluation.create();
    feed(jsonl, listener, evaluation);
    return evaluation.report();
  }

  /** Scans every labelled row of {@code jsonl} and adds the result to each of {@code evaluations}. */
  public void feed(Path jsonl, Evaluation... evaluations) throws IOException {
    feed(jsonl, Listener.NONE, evaluations);
  }

  private void feed(Path jsonl, Listener listener, Evaluation... evaluations) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode row;
        try {
          row = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          continue;
        }
        JsonNode label = row.get("label");
        JsonNode text = row.get("text");
        if (label == null || !label.canConvertToInt() || text == null || !text.isTextual()) {
          continue;
        }
        JsonNode category = row.get("category");
        ScanResponse r;
        try {
          r = scanner.scan(ScanRequest.of(text.asText(), options));
        } catch (LockLLMException e) {
          listener.failed(lineNumber, e);
          continue;
        }
        for (Evaluation e : evaluations) {
          e.add(label.asInt(), category == null ? "unknown" : category.asText(),
              r.injection() == null ? 0 : r.injection(), r.label());
        }
        listener.scanned();
      }
    }
  }
}
