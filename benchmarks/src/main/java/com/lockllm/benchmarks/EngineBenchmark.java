package com.lockllm.benchmarks;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.abuse.ContentAbuseDetector;
import com.lockllm.engine.abuse.ContentAbuseReport;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.util.Locale;
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

/**
 * One embedded-engine scan of an English prompt, single thread, sampled for percentiles, on the
 * lexical tier (the engine's default without {@code lockllm-engine-model}) or the transformer tier
 * (the gateway's); {@code abuseContent} is the content abuse detector alone on the same text (what
 * an abuse action adds).
 */
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

  @Param({"lexical", "transformer"})
  String tier;

  private EmbeddedScanner scanner;
  private ScanRequest request;
  private String text;
  private final ContentAbuseDetector abuse = ContentAbuseDetector.create();

  @Setup
  public void setUp() {
    scanner = EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.valueOf(tier.toUpperCase(Locale.ROOT))).build();
    text = Prompts.english(bytes);
    request = ScanRequest.of(text, ScanOptions.defaults());
  }

  @Benchmark
  public ScanResponse scan() {
    return scanner.scan(request);
  }

  @Benchmark
  public ContentAbuseReport abuseContent() {
    return abuse.analyze(text);
  }

  /** 1 MiB of English prose, the largest input the abuse detector is meant for. */
  @State(Scope.Benchmark)
  public static class Megabyte {
    String text;

    @Setup
    public void setUp() {
      text = Prompts.english(1 << 20);
    }
  }

  @Benchmark
  public ContentAbuseReport abuseContent1MiB(Megabyte mb) {
    return abuse.analyze(mb.text);
  }
}
