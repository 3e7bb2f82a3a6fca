package com.lockllm.spring;

import com.lockllm.intercept.InterceptDecision;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Micrometer meters: {@code lockllm.scans} by {@code outcome} (allowed, warned, blocked, error,
 * fail_open, unscanned), {@code lockllm.scan.duration} (the scanner's own time) and {@code
 * lockllm.fail.open}. It wraps the scanner to time it, and observes the filter's decisions. Not
 * API.
 */
final class ScanMetrics implements Consumer<InterceptDecision> {
  private final MeterRegistry registry;
  private final Timer duration;
  private final Counter failOpen;

  ScanMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duration = Timer.builder("lockllm.scan.duration").description("Time the scanner took").register(registry);
    this.failOpen = Counter.builder("lockllm.fail.open")
        .description("Requests let through because fail-mode=open forgave a failed scan or abuse counter")
        .register(registry);
  }

  Scanner wrap(Scanner scanner) {
    return new Scanner() {
      @Override
      public ScanResponse scan(ScanRequest request) {
        Timer.Sample sample = Timer.start(registry);
        try {
          return scanner.scan(request);
        } finally {
          sample.stop(duration);
        }
      }

      @Override
      public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
        Timer.Sample sample = Timer.start(registry);
        return scanner.scanAsync(request).whenComplete((response, failure) -> sample.stop(duration));
      }
    };
  }

  @Override
  public void accept(InterceptDecision decision) {
    String outcome;
    if (decision instanceof InterceptDecision.Reject reject) {
      outcome = reject.response().status() >= 500 ? "error" : "blocked";
    } else {
      InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) decision;
      ScanResponse scan = proceed.scanResponse();
      if (scan == null) {
        outcome = proceed.failedOpen() ? "fail_open" : "unscanned";
      } else {
        outcome = scan.scanWarning() != null || scan.policyWarnings() != null || scan.abuseWarnings() != null
            ? "warned" : "allowed";
      }
    }
    if (decision instanceof InterceptDecision.Proceed proceed && proceed.failedOpen()) {
      failOpen.increment();
    }
    registry.counter("lockllm.scans", "outcome", outcome).increment();
  }
}
