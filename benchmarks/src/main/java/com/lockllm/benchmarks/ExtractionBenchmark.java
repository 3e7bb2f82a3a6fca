package com.lockllm.benchmarks;

import com.lockllm.extract.ExtractedPrompt;
import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptExtractor;
import java.nio.charset.StandardCharsets;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prompt extraction from a 4 KB OpenAI chat body, format auto-detected; {@code roles} is the
 * default (every role, the scan scope) or {@code user,tool} (the default before the scan scope
 * covered everything the model reads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExtractionBenchmark {
  @Param({"default", "user,tool"})
  public String roles;

  private PromptExtractor extractor;
  private byte[] body;

  @Setup
  public void setUp() {
    extractor = PromptExtractor.create(roles.equals("default") ? ExtractionConfig.defaults()
        : ExtractionConfig.builder().roles(Set.of(roles.split(","))).build());
    body = Prompts.openAiChat(4096).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public ExtractedPrompt extract() {
    return extractor.extract(body);
  }
}
