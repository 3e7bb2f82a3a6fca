package com.lockllm.benchmarks;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine start-up: in a fresh JVM (one fork per sample), build the scanner, which loads its models,
 * and run the first scan of a 1 KB prompt. After the sample the fork prints the heap the loaded
 * engine holds (used heap after a full GC), so one run gives both figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class StartupBenchmark {
  /**
   * {@code lexical}: rules + lexical model; {@code transformer}: with the transformer tier (the
   * default with {@code lockllm-engine-model}); {@code semantic}: lexical with the semantic model added.
   */
  @Param({"lexical", "transformer", "semantic"})
  String engine;

  private EmbeddedScanner scanner;

  @Benchmark
  public ScanResponse loadAndScanOnce() {
    scanner = switch (engine) {
      case "semantic" -> EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.LEXICAL)
          .addDetector(SemanticDetector.create().warmUp()).build();
      case "transformer" -> EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.TRANSFORMER).build();
      default -> EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.LEXICAL).build();
    };
    return scanner.scan(ScanRequest.of(Prompts.english(1024), ScanOptions.defaults()));
  }

  @TearDown(Level.Trial)
  public void reportHeap() {
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf("heap used after full GC with the %s engine loaded: %.1f MB%n", engine,
        heap.getUsed() / 1e6);
    if (scanner == null) {
      throw new IllegalStateException("no scanner was built");
    }
  }
}
