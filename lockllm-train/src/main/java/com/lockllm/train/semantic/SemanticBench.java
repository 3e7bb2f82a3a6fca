package com.lockllm.train.semantic;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.normalize.Normalizer;
import com.lockllm.engine.semantic.SemanticDetector;
import com.lockllm.engine.semantic.SentenceEncoder;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code lockllm-train semantic-bench [iterations [threads]]}: a rough single-thread timing of the semantic
 * model until the JMH module exists. Reports model load time, heap after load and p50/p90 of the
 * semantic detector alone and of the full engine (rules + semantic) on 1 KB and 16 KB prompts.
 */
public final class SemanticBench {
  private static final String PARAGRAPH = "Our team is planning the quarterly review and needs a"
      + " short summary of the sales figures for each region, written for a general audience."
      + " Please keep the tone friendly, mention the two strongest months, and suggest one idea"
      + " for improving customer retention next quarter. ";

  private SemanticBench() {}

  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long t0 = System.nanoTime();
    SemanticDetector detector = SemanticDetector.create(SemanticDetector.defaultHead(),
        () -> SentenceEncoder.load(threads)).warmUp();
    double loadMs = (System.nanoTime() - t0) / 1e6;
    System.gc();
    long heapAfter = rt.totalMemory() - rt.freeMemory();
    System.out.printf("model load %.0f ms (%d ONNX Runtime thread(s)); heap after load %.1f MB"
        + " (+%.1f MB); process RSS %s%n", loadMs, threads, heapAfter / 1e6,
        (heapAfter - heapBefore) / 1e6, rss());

    EmbeddedScanner engine = EmbeddedScanner.builder().addDetector(detector).build();
    Normalizer normalizer = Normalizer.create();
    for (int kb : new int[] {1, 16}) {
      String prompt = PARAGRAPH.repeat(kb * 1024 / PARAGRAPH.length() + 1).substring(0, kb * 1024);
      int n = kb == 1 ? iterations : Math.max(20, iterations / 8);
      double[] semantic = time(n, () -> detector.detect(normalizer.normalize(prompt)));
      double[] full = time(n, () -> engine.scan(ScanRequest.of(prompt, ScanOptions.defaults())));
      System.out.printf("%2d KB: semantic detector p50 %.2f ms p90 %.2f ms | full engine p50 %.2f"
          + " ms p90 %.2f ms (%d runs)%n", kb, pct(semantic, 50), pct(semantic, 90),
          pct(full, 50), pct(full, 90), n);
    }
    System.out.println("process RSS after the runs " + rss());
  }

  /** Resident set size from /proc (Linux), which counts ONNX Runtime's native memory. */
  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim())
          .findFirst().orElse("n/a");
    } catch (IOException | UncheckedIOException e) {
      return "n/a";
    }
  }

  private static double[] time(int n, Runnable r) {
    for (int i = 0; i < Math.max(10, n / 5); i++) {
      r.run();
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }
}
