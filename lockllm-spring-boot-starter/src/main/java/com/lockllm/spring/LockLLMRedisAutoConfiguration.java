package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The abuse counters and the scan cache in Redis, from Spring Boot's own Redis connection
 * ({@code spring.data.redis.*}: one server, Sentinel or Cluster), when lockllm-redis and Spring Data
 * Redis are on the class path and that connection is configured ({@link
 * LockLLMRedisProperties#getEnabled()}): a {@link LockLLMRedis} and, from it or from the
 * application's own {@code LockLLMRedis} bean, the {@code CounterStore} and {@code ScanCache} beans
 * {@link LockLLMAutoConfiguration}'s interceptor takes, the {@code lockllm.redis.circuit.*} meters
 * and Actuator health {@code lockllmRedis}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
    // where Boot makes the connection details: Boot 3, then Boot 4 (names of the other line are ignored)
    "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
    "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
@ConditionalOnClass(name = "com.lockllm.redis.LockLLMRedis")
@ConditionalOnBooleanProperty(name = "lockllm.enabled", matchIfMissing = true)
@EnableConfigurationProperties({LockLLMRedisProperties.class, LockLLMProperties.class})
// in this order, and none nested: a nested configuration is processed before the imports, when there
// is no LockLLMRedis bean yet for @ConditionalOnBean to find
@Import({Boot3Configurations.RedisConnectionConfiguration.class, Boot4Configurations.RedisConnectionConfiguration.class,
    RedisBeans.Stores.class, RedisBeans.Meters.class,
    Boot3Configurations.RedisHealthConfiguration.class, Boot4Configurations.RedisHealthConfiguration.class})
public class LockLLMRedisAutoConfiguration {
  /** Properties that say where Redis is; one of them set means Redis is configured on purpose. */
  static final List<String> LOCATION_PROPERTIES = List.of("spring.data.redis.url", "spring.data.redis.host",
      "spring.data.redis.port", "spring.data.redis.sentinel.nodes", "spring.data.redis.cluster.nodes",
      "spring.data.redis.masterreplica.nodes");

  /**
   * Matches when {@code lockllm.redis.enabled} is true, or unset and one of {@link
   * #LOCATION_PROPERTIES} is set: Boot's connection details exist whenever Spring Data Redis is on
   * the class path (localhost:6379 by default), which must not make an application believe it
   * shares state.
   */
  static class OnRedisConfigured extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment environment = context.getEnvironment();
      String enabled = environment.getProperty("lockllm.redis.enabled");
      if (enabled != null && !enabled.isBlank()) {
        return Boolean.parseBoolean(enabled.strip()) ? ConditionOutcome.match("lockllm.redis.enabled is true")
            : ConditionOutcome.noMatch("lockllm.redis.enabled is false");
      }
      Binder binder = Binder.get(environment);
      for (String property : LOCATION_PROPERTIES) {
        // a list binds from a comma-separated value and from indexed ones (YAML lists) alike
        boolean set = binder.bind(property, Bindable.listOf(String.class))
            .map(values -> values.stream().anyMatch(v -> !v.isBlank())).orElse(false);
        if (set) {
          return ConditionOutcome.match(property + " is set");
        }
      }
      return ConditionOutcome.noMatch("no spring.data.redis url, host, port or nodes set, and no lockllm.redis.enabled");
    }
  }

  /** Whether {@code spring.data.redis.url} asks for TLS ({@code rediss://}), which Boot 3's details do not carry. */
  static boolean urlUsesSsl(Environment environment) {
    String url = environment.getProperty("spring.data.redis.url");
    return url != null && url.strip().regionMatches(true, 0, "rediss:", 0, 7);
  }
}
