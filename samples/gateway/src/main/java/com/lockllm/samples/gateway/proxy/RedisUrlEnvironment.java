package com.lockllm.samples.gateway.proxy;

import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code REDIS_URL} as Spring Boot's {@code spring.data.redis.url}, only when it is set: Boot
 * refuses an empty URL, so {@code spring.data.redis.url=${REDIS_URL:}} would stop a gateway that
 * runs without Redis. {@code lockllm.gateway.redis-uri}, the gateway's former property, is taken
 * the same way (deprecated, with a warning). An explicit {@code spring.data.redis.url} wins over
 * both; Sentinel and Cluster are configured with {@code spring.data.redis.sentinel.*} and {@code
 * spring.data.redis.cluster.nodes}.
 */
public class RedisUrlEnvironment implements EnvironmentPostProcessor, Ordered {
  static final String SOURCE = "gatewayRedisUrl";
  static final String LEGACY = "lockllm.gateway.redis-uri";

  private final Log log;

  public RedisUrlEnvironment(DeferredLogFactory logs) {
    this.log = logs.getLog(RedisUrlEnvironment.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String legacy = environment.getProperty(LEGACY);
    if (set(legacy)) {
      log.warn(LEGACY + " is deprecated: set REDIS_URL or spring.data.redis.url instead");
    }
    if (set(environment.getProperty("spring.data.redis.url"))) {
      return;
    }
    String url = environment.getProperty("REDIS_URL");
    String chosen = set(url) ? url : legacy;
    if (set(chosen)) {
      environment.getPropertySources()
          .addLast(new MapPropertySource(SOURCE, Map.of("spring.data.redis.url", chosen.strip())));
    }
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }

  /** After the configuration files are read, so that the former property is found in them too. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
