package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import com.lockllm.scan.Scanner;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.web.embedded.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The beans built on Spring Boot 3 types that Boot 4 moved to other modules: Actuator health, the
 * Tomcat factory and the Redis connection details. Each configuration requires its Boot 3 class by name, so on Boot 4 it is
 * skipped and {@link Boot4Configurations} applies instead. Not API.
 */
final class Boot3Configurations {
  private Boot3Configurations() {}

  /** Actuator health {@code lockllm}, unless {@code management.health.lockllm.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("lockllm")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "lockllmHealthIndicator")
    HealthIndicator lockllmHealthIndicator(Scanner scanner) {
      return new LockLLMHealthIndicator(scanner);
    }
  }

  /** {@link ScannerHealth} as a Boot 3 health indicator. */
  static final class LockLLMHealthIndicator extends AbstractHealthIndicator {
    private final Scanner scanner;

    LockLLMHealthIndicator(Scanner scanner) {
      super("LockLLM health check failed");
      this.scanner = scanner;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      ScannerHealth health = ScannerHealth.of(scanner);
      builder.status(health.status()).withDetails(health.details());
    }
  }

  /**
   * LockLLM's Redis from Boot 3's {@code RedisConnectionDetails} ({@code spring.data.redis.*}, or a service
   * connection), when Redis is configured ({@link LockLLMRedisAutoConfiguration.OnRedisConfigured}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails")
  @ConditionalOnBean(type = "org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails")
  @Conditional(LockLLMRedisAutoConfiguration.OnRedisConfigured.class)
  static class RedisConnectionConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LockLLMRedis lockLLMRedis(RedisConnectionDetails details, LockLLMRedisProperties properties, LockLLMProperties lockllm,
        Environment environment) {
      return target(details, LockLLMRedisAutoConfiguration.urlUsesSsl(environment))
          .connect(properties, lockllm.getCache().getTtl());
    }

    /** Sentinel, Cluster or one server, in that order, as Boot's own Lettuce configuration picks. */
    static RedisTarget target(RedisConnectionDetails details, boolean urlSsl) {
      RedisConnectionDetails.Sentinel sentinel = details.getSentinel();
      if (sentinel != null) {
        return RedisTarget.sentinel(nodes(sentinel.getNodes()), sentinel.getMaster(), sentinel.getDatabase(),
            details.getUsername(), details.getPassword(), sentinel.getPassword(),
            urlSsl || sentinel.getSslBundle() != null);
      }
      RedisConnectionDetails.Cluster cluster = details.getCluster();
      if (cluster != null) {
        return RedisTarget.cluster(nodes(cluster.getNodes()), details.getUsername(), details.getPassword(),
            urlSsl || cluster.getSslBundle() != null);
      }
      RedisConnectionDetails.Standalone standalone = details.getStandalone();
      return RedisTarget.standalone(standalone.getHost(), standalone.getPort(), standalone.getDatabase(),
          details.getUsername(), details.getPassword(), urlSsl || standalone.getSslBundle() != null);
    }

    private static List<String> nodes(List<RedisConnectionDetails.Node> nodes) {
      return nodes.stream().map(n -> RedisTarget.hostPort(n.host(), n.port())).toList();
    }
  }

  /** Actuator health {@code lockllmRedis}, unless {@code management.health.lockllm-redis.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnBean(LockLLMRedis.class)
  @ConditionalOnEnabledHealthIndicator("lockllm-redis")
  static class RedisHealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "lockllmRedisHealthIndicator")
    HealthIndicator lockllmRedisHealthIndicator(LockLLMRedis redis) {
      return () -> {
        RedisHealth health = RedisHealth.of(redis);
        return Health.status(health.status()).withDetails(health.details()).build();
      };
    }
  }

  /**
   * Tomcat's own refusals (before any filter runs) in the LockLLM error JSON, when Tomcat is the
   * embedded server and {@code lockllm.spring.container-errors} is not false.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.apache.catalina.startup.Tomcat",
      "org.springframework.boot.web.embedded.tomcat.ConfigurableTomcatWebServerFactory"})
  @ConditionalOnBooleanProperty(name = "lockllm.spring.container-errors", matchIfMissing = true)
  static class TomcatErrorsConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "lockLLMTomcatErrors")
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> lockLLMTomcatErrors() {
      return new TomcatErrorsCustomizer();
    }
  }

  /**
   * Installs {@link JsonErrorReportValve} on the host once the context is prepared. Ordered last, so
   * the valve replaces the one Spring Boot installs for {@code server.error.include-stacktrace=never}.
   */
  static final class TomcatErrorsCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>,
      Ordered {
    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addContextCustomizers(context -> JsonErrorReportValve.install(context.getParent()));
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
