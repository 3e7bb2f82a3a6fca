package com.lockllm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.engine.eval.DatasetEvaluator;
import com.lockllm.engine.eval.EvaluationReport;
import com.lockllm.error.LockLLMException;
import com.lockllm.scan.ScanOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval --jsonl IN}: scans labelled rows ({@code text}, {@code label} 0/1, {@code category})
 * and prints per-category TPR/FPR, overall precision and F1, and ROC AUC from the injection scores.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Measure detection on labelled JSON lines (text, label, category).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        LockLLMCli.OK + ":done",
        LockLLMCli.USAGE + ":usage error",
        LockLLMCli.ERROR + ":IN unreadable, the scanner failed to start, or rows could not be scanned"})
final class EvalCommand implements Callable<Integer> {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  @Option(names = "--jsonl", required = true, paramLabel = "IN", description = "Input: JSON lines with `text`, `label` and `category`.")
  Path input;

  @Option(names = "--sensitivity", paramLabel = "LEVEL", description = "low, medium (default) or high.")
  String sensitivity;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

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
    ScanOptions options = OptionValues.scanOptions(spec, sensitivity, null);
    DatasetEvaluator evaluator = DatasetEvaluator.of(scannerOptions.scanner(spec, null), options.sensitivity());
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = progressOptions.start("evaluated", input, err);
    long[] failed = {0};
    EvaluationReport report = evaluator.evaluate(input, new DatasetEvaluator.Listener() {
      @Override
      public void scanned() {
        progress.tick();
      }

      @Override
      public void failed(long line, LockLLMException error) {
        progress.tick();
        failed[0]++;
        progress.message("line " + line + ": scan failed: " + error.getMessage());
      }
    });
    progress.done();
    if (failed[0] > 0) {
      err.printf("%d rows could not be scanned and are not counted%n", failed[0]);
    }
    err.flush();
    System.out.print(json
        ? OBJECT_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + System.lineSeparator()
        : report.toTable());
    System.out.flush();
    return failed[0] > 0 ? LockLLMCli.ERROR : LockLLMCli.OK;
  }
}
