package com.lockllm.redis;

import com.lockllm.redis.LockLLMRedis.CircuitState;
import dev.failsafe.CircuitBreaker;
import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker in front of every Redis call of one {@link LockLLMRedis}: after {@code
 * failures} of the last {@code ofCalls} calls found Redis unavailable, calls fail at once for
 * {@code delay}; then a few probe calls go through, and {@code successes} of them succeeding close
 * it again (one failing opens it for another delay). Only unavailability counts as a failure
 * (timeouts, lost connections, a cluster or replica refusing writes); an error Redis answered with
 * ({@code WRONGTYPE}, a script error) means Redis is there.
 */
final class RedisBreaker {
  private static final Logger log = LoggerFactory.getLogger(RedisBreaker.class);

  /** Error replies that mean "not now" rather than "wrong command": the node cannot serve writes. */
  private static final List<String> UNAVAILABLE_REPLIES =
      List.of("CLUSTERDOWN", "READONLY", "LOADING", "MASTERDOWN", "TRYAGAIN", "NOREPLICAS", "BUSY");

  private final CircuitBreaker<Object> breaker;
  private final String description;
  private final List<Consumer<CircuitState>> listeners = new CopyOnWriteArrayList<>();

  RedisBreaker(int failures, int ofCalls, Duration delay, int successes, String where) {
    this.description = failures + " of the last " + ofCalls + " calls";
    this.breaker = CircuitBreaker.builder()
        .withFailureThreshold(failures, ofCalls)
        .withDelay(delay)
        .withSuccessThreshold(successes)
        .onOpen(e -> {
          log.warn("LockLLM Redis circuit breaker open ({} failed at {}); failing calls at once for {} ms",
              description, where, delay.toMillis());
          tell(CircuitState.OPEN);
        })
        .onHalfOpen(e -> {
          log.info("LockLLM Redis circuit breaker half-open: probing {}", where);
          tell(CircuitState.HALF_OPEN);
        })
        .onClose(e -> {
          log.info("LockLLM Redis circuit breaker closed: {} answers again", where);
          tell(CircuitState.CLOSED);
        })
        .build();
  }

  /** Whether a call may go to Redis now; each {@code true} must be followed by one {@link #record}. */
  boolean tryAcquire() {
    return breaker.tryAcquirePermit();
  }

  /** How a permitted call ended ({@code failure} null on success). */
  void record(Throwable failure) {
    if (failure == null || !unavailable(failure)) {
      breaker.recordSuccess();
    } else {
      breaker.recordFailure();
    }
  }

  CircuitState state() {
    return CircuitState.valueOf(breaker.getState().name());
  }

  /** The failure a call gets while the breaker is open. */
  IllegalStateException openFailure(String where) {
    return new IllegalStateException("Redis unavailable (" + where + "): circuit breaker open after " + description
        + " failed; next try in " + breaker.getRemainingDelay().toMillis() + " ms");
  }

  void addListener(Consumer<CircuitState> listener) {
    listeners.add(listener);
  }

  private void tell(CircuitState state) {
    for (Consumer<CircuitState> l : listeners) {
      try {
        l.accept(state);
      } catch (RuntimeException e) {
        log.warn("LockLLM Redis circuit listener failed on {}: {}", state, e.toString());
      }
    }
  }

  static boolean unavailable(Throwable failure) {
    Throwable t = Secrets.unwrap(failure);
    if (t instanceof RedisCommandExecutionException) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      return UNAVAILABLE_REPLIES.stream().anyMatch(message::startsWith);
    }
    return true;
  }

  @Override
  public String toString() {
    return "opens after " + description + " failed";
  }
}
