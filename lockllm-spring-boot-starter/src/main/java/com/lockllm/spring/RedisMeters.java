package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import com.lockllm.redis.LockLLMRedis.CircuitState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Redis circuit breaker's meters: {@code lockllm.redis.circuit.state} gauges (tag {@code
 * state}: 1 for the current state, 0 for the others) and the {@code
 * lockllm.redis.circuit.transitions} counter (tag {@code state}: the state entered), registered at
 * zero so that a dashboard sees every series before the first transition. Spring Boot binds it to
 * the application's registry. Not API.
 */
final class RedisMeters implements MeterBinder {
  private final LockLLMRedis redis;

  RedisMeters(LockLLMRedis redis) {
    this.redis = redis;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Map<CircuitState, Counter> transitions = new EnumMap<>(CircuitState.class);
    for (CircuitState state : CircuitState.values()) {
      Gauge.builder("lockllm.redis.circuit.state", redis, r -> r.circuitState() == state ? 1 : 0)
          .description("1 for the Redis circuit breaker's current state, 0 for the others")
          .tag("state", RedisHealth.tag(state))
          .register(registry);
      transitions.put(state, Counter.builder("lockllm.redis.circuit.transitions")
          .description("Transitions of the Redis circuit breaker, by the state entered")
          .tag("state", RedisHealth.tag(state))
          .register(registry));
    }
    redis.onCircuitChange(state -> transitions.get(state).increment());
  }
}
