package com.lockllm.benchmarks;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.policy.Policy;
import com.lockllm.engine.policy.PolicyCategory;
import com.lockllm.engine.policy.PolicySet;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.util.Random;
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
 * One embedded-engine scan with every detector on (injection, custom policies, PII strip, content
 * abuse, compression, routing) of ordinary and hostile text shapes, single thread. The shapes are
 * those of the engine's {@code HostileShapes} test enum (same generator, same seed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(1)
public class HostileShapesBenchmark {
  @Param({"PROSE", "DIGIT_SOUP", "PHONE_GROUPS", "DIGIT_GROUPS", "PLUS_DIGITS", "AT_SOUP", "IBAN_LIKE",
      "LONG_TOKEN", "NO_SPACES", "SEPARATORS", "BRACKETS", "WHITESPACE", "EMOJI_COMBINING",
      "CAPITALISED_WORDS"})
  String shape;

  @Param({"65536", "262144", "1048576"})
  int chars;

  private EmbeddedScanner scanner;
  private ScanRequest request;

  @Setup
  public void setUp() {
    scanner = EmbeddedScanner.builder().tier(EmbeddedScanner.Tier.LEXICAL)
        .policies(PolicySet.of(Policy.builder("No Financial Advice")
            .category(PolicyCategory.builder("Investment Guidance")
                .description("Recommendations to buy or sell securities")
                .phrases("stock tips")
                .examples("Which stocks should I buy right now?")
                .build())
            .build()))
        .build();
    ScanOptions everything = ScanOptions.builder()
        .scanMode(ScanMode.COMBINED)
        .piiAction(PiiAction.STRIP)
        .abuseAction(ScanAction.ALLOW_WITH_WARNING)
        .compression(CompressionMethod.COMBINED)
        .routeAction(RouteAction.AUTO)
        .build();
    request = ScanRequest.of(text(shape, chars), everything);
  }

  @Benchmark
  public ScanResponse scan() {
    return scanner.scan(request);
  }

  private static final String[] WORDS = ("the quick brown fox jumps over lazy dog and then calls Mary Johnson"
      + " at home about 12 Oak Street").split(" ");
  private static final String[] CAPITALISED = {"Mary", "John", "Street", "Via", "Rue", "Apt", "St"};

  /** The generator of the engine's {@code HostileShapes}, kept in step with it. */
  static String text(String shape, int chars) {
    Random r = new Random(42);
    StringBuilder b = new StringBuilder(chars + 64);
    while (b.length() < chars) {
      switch (shape) {
        case "PROSE" -> b.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(12) == 0 ? ". " : " ");
        case "DIGIT_SOUP" -> b.append((char) ('0' + r.nextInt(10))).append(' ');
        case "PHONE_GROUPS" -> b.append(100 + r.nextInt(900)).append(r.nextBoolean() ? ' ' : '-')
            .append(100 + r.nextInt(900)).append('-').append(1000 + r.nextInt(9000)).append(' ');
        case "DIGIT_GROUPS" -> {
          for (int i = 2 + r.nextInt(4); i > 0; i--) {
            b.append((char) ('0' + r.nextInt(10)));
          }
          b.append(" .-".charAt(r.nextInt(3)));
        }
        case "PLUS_DIGITS" -> b.append("+1 ").append(r.nextInt(10)).append(' ');
        case "AT_SOUP" -> b.append('a').append(r.nextInt(10)).append('@').append(r.nextInt(5) == 0 ? "b.c" : "");
        case "IBAN_LIKE" -> {
          b.append("DE").append(10 + r.nextInt(90));
          for (int i = 0; i < 6; i++) {
            b.append(' ').append(1000 + r.nextInt(9000));
          }
          b.append(' ');
        }
        case "LONG_TOKEN" -> b.append('a');
        case "NO_SPACES" -> b.append((char) (33 + r.nextInt(94)));
        case "SEPARATORS" -> b.append("-. ");
        case "BRACKETS" -> b.append(b.length() < chars / 2 ? '[' : ']');
        case "WHITESPACE" -> b.append(b.length() == 0 ? 'a' : b.length() == chars - 1 ? 'b' : ' ');
        case "EMOJI_COMBINING" -> b.appendCodePoint(0x1F600 + r.nextInt(60)).append("\u0301\u0308");
        case "CAPITALISED_WORDS" -> b.append(CAPITALISED[r.nextInt(CAPITALISED.length)]).append(' ')
            .append(r.nextInt(100)).append(' ');
        default -> throw new IllegalArgumentException(shape);
      }
    }
    int end = Math.min(b.length(), chars);
    if (end > 0 && end < b.length() && Character.isHighSurrogate(b.charAt(end - 1))) {
      end--;
    }
    return b.substring(0, end);
  }
}
