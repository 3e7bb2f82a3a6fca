package com.lockllm.intercept;

import com.lockllm.abuse.RequestPatterns;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PromptSegment;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scanning, one path for {@link LockLLMInterceptor#intercept} and {@link
 * LockLLMInterceptor#interceptAsync}: the scan runs where {@link Scanner#scanAsync} puts it (a
 * pool, or the scanner's own non-blocking I/O) while the client's behaviour is counted beside it;
 * both are bounded by the scan timeout, after which the {@link Judge} applies the fail mode and a
 * scan still queued is cancelled and never runs. The blocking entry point only waits for the same
 * future.
 */
final class ScanStage {
  private static final Logger log = LoggerFactory.getLogger(ScanStage.class);

  private final Scanner scanner;
  private final RequestPatterns requestPatterns;
  private final Duration timeout;
  private final Judge judge;

  ScanStage(Scanner scanner, RequestPatterns requestPatterns, Duration timeout, Judge judge) {
    this.scanner = scanner;
    this.requestPatterns = requestPatterns;
    this.timeout = timeout;
    this.judge = judge;
  }

  /** The decision on {@code prepared}, completed within the scan timeout; it never fails. */
  CompletableFuture<InterceptDecision> decide(Prepared prepared) {
    CompletableFuture<ScanResponse> first;
    try {
      first = scanner.scanAsync(prepared.scanRequest()).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(judge.failed(prepared, e));
    }
    CompletableFuture<Behaviour> behaviour = observe(prepared);
    CompletableFuture<InterceptDecision> decision = rescanned(prepared, first)
        .thenCombine(behaviour, (scanned, seen) -> judge.decide(prepared, scanned, seen))
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle((decided, failure) -> failure == null ? decided : judge.failed(prepared, unwrap(failure)));
    decision.whenComplete((decided, failure) -> first.cancel(false));
    return decision;
  }

  /** As {@link #decide}, waited for on the calling thread; an interrupt fails the scan at once. */
  InterceptDecision decideBlocking(Prepared prepared) {
    CompletableFuture<InterceptDecision> decision = decide(prepared);
    try {
      return decision.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      decision.complete(judge.failed(prepared, new CancellationException("interrupted while waiting for the scan")));
      return decision.join();
    } catch (ExecutionException e) {
      // decide() handles every failure; this is a bug of ours, and fails like one
      return judge.failed(prepared, unwrap(e));
    }
  }

  /**
   * {@code scan}, and, when the scanner rewrote the prompt text (a compression), a second scan of
   * the text that would be forwarded: a rewrite can make text the first scan never saw (TOON
   * decodes the unicode escapes of an embedded JSON document), so what is forwarded is always what
   * was judged. PII redaction needs no second scan: it only replaces what it found with type labels.
   */
  private CompletableFuture<Scanned> rescanned(Prepared prepared, CompletableFuture<ScanResponse> scan) {
    return scan.thenCompose(first -> {
      ScanRequest forwarded = rewrittenText(prepared, first);
      return forwarded == null
          ? CompletableFuture.completedFuture(new Scanned(first, null))
          : scanner.scanAsync(forwarded).thenApply(second -> new Scanned(first, second));
    });
  }

  /**
   * The segments as the scanner's compression rewrote them, to scan again with the same options
   * less the rewriting ones; {@code null} when nothing was rewritten or the first scan already
   * rejects.
   */
  private static ScanRequest rewrittenText(Prepared prepared, ScanResponse first) {
    List<String> compressed = compressedSegments(prepared, first);
    if (compressed == null || Verdicts.rejection(first, prepared.options()) != null) {
      return null;
    }
    List<PromptSegment> segments = prepared.scanRequest().segments();
    List<PromptSegment> rewritten = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      PromptSegment s = segments.get(i);
      rewritten.add(new PromptSegment(s.role(), compressed.get(i), s.jsonPointer(), s.sourceStart(), s.sourceEnd()));
    }
    ScanOptions options = ScanOptions.from(prepared.scanRequest().options()).compression(null).compressionRate(null)
        .routeAction(null).build();
    return ScanRequest.of(rewritten, options);
  }

  /** The scanner's per-segment compression when it changed any segment, else {@code null}. */
  static List<String> compressedSegments(Prepared prepared, ScanResponse response) {
    CompressionResult compression = response.compressionResult();
    List<PromptSegment> segments = prepared.scanRequest().segments();
    if (compression == null || compression.compressedSegments() == null
        || compression.compressedSegments().size() != segments.size()) {
      return null;
    }
    List<String> compressed = compression.compressedSegments();
    for (int i = 0; i < segments.size(); i++) {
      if (!segments.get(i).text().equals(compressed.get(i))) {
        return compressed;
      }
    }
    return null;
  }

  /** The behaviour of the request's client, counted in parallel with the scan; a failure is a value here. */
  private CompletableFuture<Behaviour> observe(Prepared prepared) {
    if (prepared.clientKey() == null) {
      return CompletableFuture.completedFuture(Behaviour.NONE);
    }
    try {
      return requestPatterns.observeAsync(prepared.clientKey(), prepared.scanRequest().input())
          .toCompletableFuture()
          .handle((warning, failure) -> failure == null ? new Behaviour(warning, null) : failedCounting(failure));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failedCounting(e));
    }
  }

  private static Behaviour failedCounting(Throwable failure) {
    Throwable cause = unwrap(failure);
    log.warn("LockLLM abuse counters failed ({})", Judge.describe(cause));
    return new Behaviour(null, cause);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
