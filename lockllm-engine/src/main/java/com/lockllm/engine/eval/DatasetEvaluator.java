package com.lockllm.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code label}. Rows without a {@code label} are skipped.
 */
public final class DatasetEvaluator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Scanner scanner;
  private final ScanOptions options;

  private DatasetEvaluator(Scanner scanner, Sensitivity sensitivity) {
    this.scanner = scanner;
    this.options = ScanOptions.builder().sensitivity(sensitivity).build();
  }

  public static DatasetEvaluator of(Scanner scanner, Sensitivity sensitivity) {
    return new DatasetEvaluator(scanner, sensitivity);
  }

  /** Evaluates every labelled row of {@code jsonl}. */
  public EvaluationReport evaluate(Path jsonl) throws IOException {
    Evaluation evaluation = Evaluation.create();
    feed(jsonl, evaluation);
    return evaluation.report();
  }

  /** Scans every labelled row of {@code jsonl} and adds the result to each of {@code evaluations}. */
  public void feed(Path jsonl, Evaluation... evaluations) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = MAPPER.readTree(line);
        JsonNode label = row.get("label");
        JsonNode text = row.get("text");
        if (label == null || !label.canConvertToInt() || text == null || !text.isTextual()) {
          continue;
        }
        JsonNode category = row.get("category");
        ScanResponse r = scanner.scan(ScanRequest.of(text.asText(), options));
        for (Evaluation e : evaluations) {
          e.add(label.asInt(), category == null ? "unknown" : category.asText(),
              r.injection() == null ? 0 : r.injection(), r.label());
        }
      }
    }
  }
}
