package com.lockllm.benchmarks;

import com.lockllm.output.AnswerContext;
import com.lockllm.output.AnswerFormat;
import com.lockllm.output.OutputPolicy;
import com.lockllm.output.ResponseGuard;
import com.lockllm.scan.PiiAction;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The answer side's cost per streamed answer: a 200-delta OpenAI chat stream (about 4,000
 * characters of prose with e-mail addresses and links) through a {@link ResponseGuard} with the
 * gateway's policy (personal data stripped, secrets and exfiltration links checked), against the
 * same bytes unchecked. {@link #main} measures the memory a stream holds mid-answer instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnswerGuardBenchmark {
  private static final String[] WORDS = {
    "The quarterly report ", "shows revenue growth ", "across all regions; ", "contact ann.lee@example.com ",
    "for the figures, ", "or see [the dashboard](https://intranet.example/q3) ", "before Friday. ", "Margins held ",
    "steady while costs ", "fell by two points. "};
  static final int DELTAS = 200;

  @Param({"on", "off"})
  public String output;

  private byte[][] events;
  private AnswerContext off;

  @Setup
  public void setUp() {
    events = events(DELTAS);
    off = AnswerContext.none();
  }

  static byte[][] events(int deltas) {
    byte[][] events = new byte[deltas + 1][];
    for (int i = 0; i < deltas; i++) {
      events[i] = ("data: {\"id\":\"chatcmpl-b\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
          + "{\"content\":\"" + WORDS[i % WORDS.length] + "\"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    }
    events[deltas] = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    return events;
  }

  static AnswerContext gatewayContext() {
    return new AnswerContext(Map.of(), null, List.of(), OutputPolicy.builder().build().resolvedFor(PiiAction.STRIP),
        AnswerFormat.OPENAI_CHAT);
  }

  /** One whole streamed answer, event by event, as an adapter feeds it. */
  @Benchmark
  public int stream() {
    ResponseGuard guard = ResponseGuard.open(output.equals("on") ? gatewayContext() : off, 200, "text/event-stream", null);
    int written = 0;
    for (byte[] event : events) {
      written += guard.accept(event, 0, event.length).length;
    }
    written += guard.finish().length;
    guard.close();
    return written;
  }

  /**
   * Heap held per open stream, half-way through its answer: {@code java -cp benchmarks.jar
   * com.lockllm.benchmarks.AnswerGuardBenchmark [streams]}.
   */
  public static void main(String[] args) {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    byte[][] events = events(DELTAS);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    // warm the classes and the shared checks, so they are not counted per stream
    ResponseGuard warm = ResponseGuard.open(gatewayContext(), 200, "text/event-stream", null);
    for (byte[] event : events) {
      warm.accept(event, 0, event.length);
    }
    long before = settledHeap(memory);
    List<ResponseGuard> open = new ArrayList<>(streams);
    for (int s = 0; s < streams; s++) {
      ResponseGuard guard = ResponseGuard.open(gatewayContext(), 200, "text/event-stream", null);
      for (int i = 0; i < DELTAS / 2; i++) {
        guard.accept(events[i], 0, events[i].length);
      }
      open.add(guard);
    }
    long after = settledHeap(memory);
    System.out.printf(Locale.ROOT, "%d open streams, each half-way through a %d-delta answer: %.1f KiB of heap per stream%n",
        open.size(), DELTAS, (after - before) / 1024.0 / streams);
  }

  private static long settledHeap(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
