package com.lockllm.samples.gateway.ops;

import com.lockllm.intercept.FailMode;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.samples.gateway.proxy.GatewayProperties;
import com.lockllm.samples.gateway.proxy.Providers;
import com.lockllm.spring.LockLLMProperties;
import java.util.List;
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
 * {@link UpstreamCheck}). The groups are in {@code application.properties}. The shared Redis's
 * breaker state as a meter ({@code lockllm.redis.circuit.state}) comes from the starter.
 */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(OpsConfiguration.class);

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
