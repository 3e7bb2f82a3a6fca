package com.lockllm.spring;

import com.lockllm.intercept.InterceptDecision;
import com.lockllm.remote.ClientListener;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Micrometer meters: {@code lockllm.scans} by {@code outcome} (allowed, warned, blocked, error,
 * fail_open, unscanned), {@code lockllm.scan.duration} (the scanner's own time) and {@code
 * lockllm.fail.open}; for the remote scanner, {@code lockllm.client.calls} by {@code outcome},
 * {@code lockllm.client.retries} by {@code cause}, {@code lockllm.client.circuit.transitions} by
 * {@code state} and the {@code lockllm.client.circuit.state} gauges. It wraps the scanner to time
 * it, observes the filter's decisions and listens to the API client. Not API.
 */
final class ScanMetrics implements Consumer<InterceptDecision>, ClientListener {
  private final MeterRegistry registry;
  private final Timer duration;
  private final Counter failOpen;
  private final AtomicReference<CircuitState> circuit = new AtomicReference<>(CircuitState.CLOSED);

  ScanMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.duration = Timer.builder("lockllm.scan.duration").description("Time the scanner took").register(registry);
    this.failOpen = Counter.builder("lockllm.fail.open")
        .description("Requests let through because fail-mode=open forgave a failed scan or abuse counter")
        .register(registry);
    for (CircuitState state : CircuitState.values()) {
      Gauge.builder("lockllm.client.circuit.state", circuit, c -> c.get() == state ? 1 : 0)
          .description("1 for the remote scanner's circuit breaker's current state, 0 for the others")
          .tag("state", state.tag())
          .register(registry);
    }
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

  @Override
  public void callEnded(Outcome outcome, Duration took) {
    Timer.builder("lockllm.client.calls").description("Calls to the LockLLM API, all attempts included")
        .tag("outcome", outcome.tag()).register(registry).record(took);
  }

  @Override
  public void retrying(Outcome cause) {
    registry.counter("lockllm.client.retries", "cause", cause.tag()).increment();
  }

  @Override
  public void circuitChanged(CircuitState state) {
    circuit.set(state);
    registry.counter("lockllm.client.circuit.transitions", "state", state.tag()).increment();
  }
}
