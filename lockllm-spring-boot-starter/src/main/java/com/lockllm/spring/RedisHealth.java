package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import com.lockllm.redis.LockLLMRedis.CircuitState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What Actuator health {@code lockllmRedis} reports, on either Spring Boot line, from the state the
 * traffic leaves (a probe sends Redis nothing): DOWN while the connection is down (lost, or not
 * made yet) or the circuit breaker is open (recent calls failed, the fail mode applies to every
 * request), UNKNOWN while the breaker's probe calls test Redis again, UP otherwise. Not API.
 *
 * @param status the Actuator status code
 * @param details topology, circuit and connected, in that order
 */
record RedisHealth(String status, Map<String, Object> details) {

  static RedisHealth of(LockLLMRedis redis) {
    CircuitState circuit = redis.circuitState();
    boolean connected = redis.isConnected();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("topology", redis.topology());
    details.put("circuit", tag(circuit));
    details.put("connected", connected);
    String status = !connected || circuit == CircuitState.OPEN ? "DOWN"
        : circuit == CircuitState.HALF_OPEN ? "UNKNOWN" : "UP";
    return new RedisHealth(status, details);
  }

  /** {@code closed}, {@code open}, {@code half_open}: the health detail and the meters' {@code state} tag. */
  static String tag(CircuitState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
