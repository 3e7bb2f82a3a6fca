package com.lockllm.samples.gateway.ops;

import com.lockllm.intercept.FailMode;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.redis.RedisHash;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code lockllmRedis}: whether the shared Redis ({@code REDIS_URL}, {@code spring.data.redis.*})
 * answers, and the state of lockllm-redis's circuit breaker; replaces the starter's passive indicator
 * of the same name. The check is one {@code HGET} round trip on the
 * shared connection, bounded by its command timeout (250 ms by default), unless the connection is
 * down or the breaker open, which fail calls at once anyway. Without Redis the component is UP and
 * says so.
 *
 * <p>Unreachable, it is DOWN under {@code lockllm.fail-mode=closed}, where requests are refused
 * (503) while the abuse counters cannot be read; under {@code open} it stays UP, marked
 * {@code degraded}, since requests proceed without Redis, and a Redis shared by every instance must
 * not take them all out of the load balancer at once.
 */
final class RedisHealthIndicator implements HealthIndicator {
  /** Never written: reading it proves a round trip. Outside the store's {@code abuse:} and {@code scan:}. */
  static final String PROBE = "gateway:health";

  private final LockLLMRedis redis;
  private final RedisHash probe;
  private final FailMode failMode;

  /** @param redis the shared Redis, or {@code null} when none is configured */
  RedisHealthIndicator(LockLLMRedis redis, FailMode failMode) {
    this.redis = redis;
    this.probe = redis == null ? null : redis.hash(PROBE);
    this.failMode = failMode;
  }

  @Override
  public Health health() {
    if (redis == null) {
      return Health.up().withDetail("configured", false).build();
    }
    LockLLMRedis.CircuitState breaker = redis.circuitState();
    boolean connected = breaker != LockLLMRedis.CircuitState.OPEN && redis.isConnected() && answers();
    Health.Builder health = connected || failMode == FailMode.OPEN ? Health.up() : Health.down();
    health.withDetail("configured", true).withDetail("connected", connected)
        .withDetail("breaker", breaker.name().toLowerCase(Locale.ROOT))
        .withDetail("failMode", failMode.name().toLowerCase(Locale.ROOT));
    if (!connected && failMode == FailMode.OPEN) {
      health.withDetail("degraded", "requests proceed without Redis (fail-mode open)");
    }
    return health.build();
  }

  private boolean answers() {
    try {
      probe.get("ping");
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
