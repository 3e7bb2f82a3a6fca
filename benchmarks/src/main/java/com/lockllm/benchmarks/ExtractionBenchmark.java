package com.lockllm.benchmarks;

import com.lockllm.extract.ExtractedPrompt;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptExtractor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Prompt extraction from a 4 KB OpenAI chat body, format auto-detected. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExtractionBenchmark {
  private PromptExtractor extractor;
  private byte[] body;

  @Setup
  public void setUp() {
    extractor = PromptExtractor.create(ExtractionConfig.defaults());
    body = Prompts.openAiChat(4096).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public ExtractedPrompt extract() {
    return extractor.extract(body);
  }
}
