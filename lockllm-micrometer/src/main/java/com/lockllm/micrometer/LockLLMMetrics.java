package com.lockllm.micrometer;

import com.lockllm.cache.CachingScanner;
import com.lockllm.decision.Decision;
import com.lockllm.decision.DecisionListener;
import com.lockllm.output.OutputReport;
import com.lockllm.remote.ClientListener;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The {@code lockllm.*} meters every adapter exposes, and an {@link Observation} per scan that a
 * tracing bridge (OpenTelemetry, Brave) turns into a span. Register it as the interceptor's {@link
 * DecisionListener} and the API client's {@link ClientListener}, and wrap the scanner with {@link
 * #instrument}:
 *
 * <ul>
 *   <li>{@code lockllm.scans} (counter): decisions by {@code outcome} (allowed, warned, blocked,
 *       invalid, error, fail_open, unscanned), {@code action}, {@code route} and {@code client_key}
 *   <li>{@code lockllm.scan.categories} (counter): flagged decisions by {@code category}
 *       ({@code prompt_injection}, a span category, {@code policy:<name>}, {@code abuse:<type>})
 *   <li>{@code lockllm.pii.entities} (counter): personal-data entities found, by {@code type}
 *   <li>{@code lockllm.abuse.signals} (counter): abuse found, by {@code signal}
 *   <li>{@code lockllm.scan.duration} and {@code lockllm.body.read.duration} (timers with
 *       percentile histograms): the scanner's own time, and reading request bodies
 *   <li>{@code lockllm.fail.open} (counter): requests fail-mode open let through
 *   <li>{@code lockllm.cache.requests} (function counter): scan-cache lookups by {@code result}
 *       (hit, miss), tag {@code cache=scan}
 *   <li>{@code lockllm.output.answers} (counter): checked answers by {@code action} (block, strip,
 *       warn, none) and {@code shadow}; {@code lockllm.output.findings} (counter): what answers
 *       held, by {@code type} ({@code pii:EMAIL}, {@code secret:GITHUB_TOKEN}, {@code canary:CANARY},
 *       ...); {@code lockllm.output.unscanned} (counter): answers that could not be read, by {@code
 *       reason}
 *   <li>{@code lockllm.client.calls}, {@code lockllm.client.retries}, {@code
 *       lockllm.client.circuit.transitions} and the {@code lockllm.client.circuit.state} gauges:
 *       the LockLLM API client
 * </ul>
 *
 * <p>Tags are kept to small sets: {@code client_key} is the client's name only for keys named
 * {@code key:<name>} (an application's configured keys, like the gateway's), and only for the
 * first {@value #MAX_CLIENT_KEY_TAGS} such keys seen, so clients inventing keys cannot grow the
 * registry without bound; any other client is {@code other}, and none {@code none}, unless {@link
 * Builder#clientKeyTag} says otherwise. No tag or observation carries prompt text.
 */
public final class LockLLMMetrics implements DecisionListener, ClientListener {
  /** The name of the observation around each scan (its span is {@code lockllm scan}). */
  public static final String SCAN_OBSERVATION = "lockllm.scan";
  /** How many distinct {@code key:<name>} clients get a {@code client_key} tag of their own by default. */
  public static final int MAX_CLIENT_KEY_TAGS = 100;

  private final MeterRegistry registry;
  private final ObservationRegistry observations;
  private final UnaryOperator<String> clientKeyTag;
  private final Timer scanDuration;
  private final Timer bodyReadDuration;
  private final Counter failOpen;
  private final AtomicReference<CircuitState> circuit = new AtomicReference<>(CircuitState.CLOSED);

  private LockLLMMetrics(Builder b) {
    this.registry = b.registry;
    this.observations = b.observations;
    this.clientKeyTag = b.clientKeyTag;
    this.scanDuration = Timer.builder("lockllm.scan.duration").description("Time the scanner took")
        .publishPercentileHistogram().register(registry);
    this.bodyReadDuration = Timer.builder("lockllm.body.read.duration")
        .description("Time reading protected request bodies took").publishPercentileHistogram().register(registry);
    this.failOpen = Counter.builder("lockllm.fail.open")
        .description("Requests let through because fail-mode open forgave a failed scan or abuse counter")
        .register(registry);
    for (CircuitState state : CircuitState.values()) {
      Gauge.builder("lockllm.client.circuit.state", circuit, c -> c.get() == state ? 1 : 0)
          .description("1 for the remote scanner's circuit breaker's current state, 0 for the others")
          .tag("state", state.tag())
          .register(registry);
    }
  }

  /** Meters on {@code registry}, no observations. */
  public static LockLLMMetrics create(MeterRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /**
   * {@code scanner}, timed into {@code lockllm.scan.duration} and observed as {@value
   * #SCAN_OBSERVATION}; a {@link CachingScanner}'s hits and misses also become {@code
   * lockllm.cache.requests}. Wrap the scanner the interceptor uses, once.
   */
  public Scanner instrument(Scanner scanner) {
    Objects.requireNonNull(scanner, "scanner");
    if (scanner instanceof CachingScanner caching) {
      FunctionCounter.builder("lockllm.cache.requests", caching, CachingScanner::hits)
          .description("Scan-cache lookups").tags("cache", "scan", "result", "hit").register(registry);
      FunctionCounter.builder("lockllm.cache.requests", caching, CachingScanner::misses)
          .description("Scan-cache lookups").tags("cache", "scan", "result", "miss").register(registry);
    }
    return new Scanner() {
      @Override
      public ScanResponse scan(ScanRequest request) {
        Observation observation = start(scanner);
        Timer.Sample sample = Timer.start(registry);
        try (Observation.Scope scope = observation.openScope()) {
          return observed(observation, scanner.scan(request));
        } catch (RuntimeException e) {
          observation.error(e);
          throw e;
        } finally {
          sample.stop(scanDuration);
          observation.stop();
        }
      }

      @Override
      public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
        Observation observation = start(scanner);
        Timer.Sample sample = Timer.start(registry);
        CompletionStage<ScanResponse> scan;
        try (Observation.Scope scope = observation.openScope()) {
          scan = scanner.scanAsync(request);
        } catch (RuntimeException e) {
          sample.stop(scanDuration);
          observation.error(e);
          observation.stop();
          throw e;
        }
        return scan.whenComplete((response, failure) -> {
          sample.stop(scanDuration);
          if (failure != null) {
            observation.error(failure);
          } else {
            observed(observation, response);
          }
          observation.stop();
        });
      }
    };
  }

  private Observation start(Scanner scanner) {
    return Observation.createNotStarted(SCAN_OBSERVATION, observations)
        .contextualName("lockllm scan")
        .lowCardinalityKeyValue("lockllm.scanner", scanner.getClass().getSimpleName())
        .start();
  }

  private static ScanResponse observed(Observation observation, ScanResponse response) {
    if (response != null) {
      observation.lowCardinalityKeyValue("lockllm.safe", String.valueOf(response.safe()));
    }
    return response;
  }

  @Override
  public void decided(Decision decision) {
    Tags tags = Tags.of("outcome", decision.outcome().tag(), "action", decision.action().tag(),
        "route", decision.route() == null ? "none" : decision.route(),
        "client_key", decision.clientKey() == null ? "none" : clientKeyTag.apply(decision.clientKey()));
    registry.counter("lockllm.scans", tags).increment();
    for (String category : decision.categories().keySet()) {
      if (category.startsWith("abuse:")) {
        registry.counter("lockllm.abuse.signals", "signal", category.substring(6)).increment();
      }
      registry.counter("lockllm.scan.categories", "category", category).increment();
    }
    for (Map.Entry<String, Integer> pii : decision.pii().entrySet()) {
      registry.counter("lockllm.pii.entities", "type", pii.getKey()).increment(Math.max(1, pii.getValue()));
    }
    if (decision.outcome() == Decision.Outcome.FAIL_OPEN) {
      failOpen.increment();
    }
    bodyReadDuration.record(decision.bodyRead());
  }

  @Override
  public void answered(Decision request, OutputReport answer) {
    registry.counter("lockllm.output.answers", "action", answer.action(), "shadow", String.valueOf(answer.shadow()))
        .increment();
    for (Map.Entry<String, Integer> finding : answer.findings().entrySet()) {
      registry.counter("lockllm.output.findings", "type", finding.getKey()).increment(finding.getValue());
    }
    if (answer.unscanned() != null) {
      registry.counter("lockllm.output.unscanned", "reason", answer.unscanned()).increment();
    }
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

  /** Builds {@link LockLLMMetrics}. */
  public static final class Builder {
    private final MeterRegistry registry;
    private ObservationRegistry observations = ObservationRegistry.NOOP;
    private UnaryOperator<String> clientKeyTag = new NamedKeys();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Where the per-scan observations go (Spring Boot's and Micronaut's registries carry tracing); none by default. */
    public Builder observations(ObservationRegistry observations) {
      this.observations = Objects.requireNonNull(observations, "observations");
      return this;
    }

    /**
     * The {@code client_key} tag of a client (never {@code null}): by default the key itself for
     * {@code key:<name>} clients and {@code other} for everyone else, since remote addresses and
     * user names would make a series per client.
     */
    public Builder clientKeyTag(UnaryOperator<String> clientKeyTag) {
      this.clientKeyTag = Objects.requireNonNull(clientKeyTag, "clientKeyTag");
      return this;
    }

    public LockLLMMetrics build() {
      return new LockLLMMetrics(this);
    }
  }

  /** The default {@code client_key} tag: named keys, the first {@value #MAX_CLIENT_KEY_TAGS} of them. */
  private static final class NamedKeys implements UnaryOperator<String> {
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    @Override
    public String apply(String clientKey) {
      if (!clientKey.startsWith("key:")) {
        return "other";
      }
      if (tagged.contains(clientKey)) {
        return clientKey;
      }
      synchronized (tagged) {
        return tagged.size() < MAX_CLIENT_KEY_TAGS && tagged.add(clientKey) || tagged.contains(clientKey)
            ? clientKey : "other";
      }
    }
  }
}
