package com.lockllm.benchmarks;

import com.lockllm.engine.transformer.TransformerModel;
import java.util.Arrays;
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
 * The transformer tier's model alone: one ONNX Runtime call on full windows of English prose
 * ({@code windows} × 126 content tokens in one batch; 2 windows are 252 tokens), one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class TransformerBenchmark {
  @Param({"1", "2"})
  int windows;

  private TransformerModel model;
  private int[][] batch;

  @Setup
  public void setUp() {
    model = TransformerModel.shared();
    int size = TransformerModel.WINDOW_TOKENS - 2;
    int[] ids = model.tokenizer().tokenize(Prompts.english(4096)).ids(0, size * windows);
    batch = new int[windows][];
    for (int w = 0; w < windows; w++) {
      batch[w] = Arrays.copyOfRange(ids, w * size, (w + 1) * size);
    }
  }

  @Benchmark
  public float[] window() {
    return model.probabilities(batch);
  }
}
