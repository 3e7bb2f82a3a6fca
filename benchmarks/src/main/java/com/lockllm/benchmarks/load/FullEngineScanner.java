package com.lockllm.benchmarks.load;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.util.concurrent.CompletionStage;

/**
 * The full engine (rules, lexical and semantic model) as a {@link Scanner} with a no-argument
 * constructor, for the load runs' "full" gateway: {@code benchmarks/load/run.sh} puts this class and
 * ONNX Runtime on the gateway's {@code loader.path} and names it in {@code spring.main.sources}, so it
 * becomes the application's {@code Scanner} bean and the starter's default engine backs off. The
 * gateway itself is unchanged.
 */
public final class FullEngineScanner implements Scanner {
  private final Scanner engine =
      EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.LEXICAL).addDetector(SemanticDetector.create().warmUp()).build();

  @Override
  public ScanResponse scan(ScanRequest request) {
    return engine.scan(request);
  }

  @Override
  public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
    return engine.scanAsync(request);
  }
}
