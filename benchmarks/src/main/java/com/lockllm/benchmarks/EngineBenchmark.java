package com.lockllm.benchmarks;

import com.lockllm.engine.EmbeddedScanner;
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

/** One embedded-engine scan of an English prompt, single thread, sampled for percentiles. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EngineBenchmark {
  @Param({"1024", "16384"})
  int bytes;

  private EmbeddedScanner scanner;
  private ScanRequest request;

  @Setup
  public void setUp() {
    scanner = EmbeddedScanner.create();
    request = ScanRequest.of(Prompts.english(bytes), ScanOptions.defaults());
  }

  @Benchmark
  public ScanResponse scan() {
    return scanner.scan(request);
  }
}
