package com.lockllm.samples.gateway.ops;

import com.lockllm.intercept.FailMode;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.samples.gateway.proxy.GatewayProperties;
import com.lockllm.samples.gateway.proxy.Providers;
import com.lockllm.spring.LockLLMProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The gateway's own health components, which the readiness group joins to the starter's
 * {@code lockllm} (the scanner loaded; the remote API's breaker): {@code lockllmRedis} (the shared
 * Redis, {@link RedisHealthIndicator}) and {@code upstream} (the upstream configuration,
 * {@link UpstreamCheck}). The groups are in {@code application.properties}. Also the shared
 * Redis's breaker state as a meter, for Prometheus and the dashboard.
 */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(OpsConfiguration.class);

  /**
   * {@code lockllm.redis.circuit.state} gauges, tag {@code state} (closed, open, half_open): 1 for
   * the shared Redis's breaker's current state, 0 for the others, as {@code lockllm.client.circuit.state}
   * for the LockLLM API; registered once, whoever registers them first.
   */
  @Bean
  MeterBinder lockllmRedisCircuitGauges(ObjectProvider<LockLLMRedis> redis) {
    return registry -> {
      LockLLMRedis shared = redis.getIfAvailable();
      if (shared == null) {
        return;
      }
      for (LockLLMRedis.CircuitState state : LockLLMRedis.CircuitState.values()) {
        Gauge.builder("lockllm.redis.circuit.state", shared, r -> r.circuitState() == state ? 1 : 0)
            .description("1 for the Redis circuit breaker's current state, 0 for the others")
            .tag("state", state.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    };
  }

  @Bean
  HealthIndicator lockllmRedisHealthIndicator(ObjectProvider<LockLLMRedis> redis,
      ObjectProvider<LockLLMProperties> lockllm) {
    LockLLMProperties properties = lockllm.getIfAvailable();
    return new RedisHealthIndicator(redis.getIfAvailable(),
        properties == null ? FailMode.CLOSED : properties.getFailMode());
  }

  /**
   * UP, or DOWN with the problems: the configuration does not change while the gateway runs, so
   * it is checked once, and each problem is logged once as a warning for whoever cannot read the
   * health details.
   */
  @Bean
  HealthIndicator upstreamHealthIndicator(GatewayProperties properties, Providers providers, Environment environment) {
    List<String> problems = UpstreamCheck.problems(properties, providers, environment::getProperty);
    problems.forEach(problem -> log.warn("Upstream configuration: {}; readiness is DOWN", problem));
    String upstream = properties.getUpstream().getBaseUrl();
    Health health = problems.isEmpty()
        ? Health.up().withDetail("default", upstream == null || upstream.isBlank() ? "echo model" : "upstream.base-url")
            .build()
        : Health.down().withDetail("problems", problems).build();
    return () -> health;
  }
}
