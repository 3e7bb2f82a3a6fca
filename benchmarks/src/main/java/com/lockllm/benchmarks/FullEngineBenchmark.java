package com.lockllm.benchmarks;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** The engine with the opt-in semantic model added to rules and lexical model, one thread. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class FullEngineBenchmark {
  @Param({"1024", "16384"})
  int bytes;

  private EmbeddedScanner scanner;
  private ScanRequest request;

  @Setup
  public void setUp() {
    scanner = EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.LEXICAL).addDetector(SemanticDetector.create().warmUp()).build();
    request = ScanRequest.of(Prompts.english(bytes), ScanOptions.defaults());
  }

  @Benchmark
  public ScanResponse scan() {
    return scanner.scan(request);
  }
}
