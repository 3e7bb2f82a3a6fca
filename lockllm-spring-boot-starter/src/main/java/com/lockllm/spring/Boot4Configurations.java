package com.lockllm.spring;

import com.lockllm.redis.LockLLMRedis;
import com.lockllm.scan.Scanner;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * {@link Boot3Configurations} for Spring Boot 4, where health moved to {@code spring-boot-health}
 * ({@code org.springframework.boot.health.*}), the Tomcat factory to {@code spring-boot-tomcat}
 * ({@code org.springframework.boot.tomcat}) and the Redis connection details to {@code
 * spring-boot-data-redis} ({@code DataRedisConnectionDetails}). Each configuration requires its Boot
 * 4 class by name, so on Boot 3 it is skipped. Compiled against those three Boot 4 modules, which are
 * never on a Boot 3 application's class path. Not API.
 */
final class Boot4Configurations {
  private Boot4Configurations() {}

  /** Actuator health {@code lockllm}, unless {@code management.health.lockllm.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("lockllm")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "lockllmHealthIndicator")
    HealthIndicator lockllmHealthIndicator(Scanner scanner) {
      return new LockLLMHealthIndicator(scanner);
    }
  }

  /** {@link ScannerHealth} as a Boot 4 health indicator. */
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
   * LockLLM's Redis from Boot 4's {@code DataRedisConnectionDetails} ({@code spring.data.redis.*}, or a service
   * connection), when Redis is configured ({@link LockLLMRedisAutoConfiguration.OnRedisConfigured}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
  @ConditionalOnBean(type = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
  @Conditional(LockLLMRedisAutoConfiguration.OnRedisConfigured.class)
  static class RedisConnectionConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LockLLMRedis lockLLMRedis(DataRedisConnectionDetails details, LockLLMRedisProperties properties, LockLLMProperties lockllm,
        Environment environment) {
      return target(details, LockLLMRedisAutoConfiguration.urlUsesSsl(environment))
          .connect(properties, lockllm.getCache().getTtl());
    }

    /** Sentinel, Cluster or one server, in that order, as Boot's own Lettuce configuration picks. */
    static RedisTarget target(DataRedisConnectionDetails details, boolean urlSsl) {
      boolean ssl = urlSsl || details.getSslBundle() != null;
      DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
      if (sentinel != null) {
        return RedisTarget.sentinel(nodes(sentinel.getNodes()), sentinel.getMaster(), sentinel.getDatabase(),
            details.getUsername(), details.getPassword(), sentinel.getPassword(), ssl);
      }
      DataRedisConnectionDetails.Cluster cluster = details.getCluster();
      if (cluster != null) {
        return RedisTarget.cluster(nodes(cluster.getNodes()), details.getUsername(), details.getPassword(), ssl);
      }
      if (details.getMasterReplica() != null) {
        throw new IllegalStateException("spring.data.redis.masterreplica is not supported by LockLLM's Redis client "
            + "(one server, Sentinel or Cluster): define your own LockLLMRedis bean, or set lockllm.redis.enabled=false");
      }
      DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
      return RedisTarget.standalone(standalone.getHost(), standalone.getPort(), standalone.getDatabase(),
          details.getUsername(), details.getPassword(), ssl);
    }

    private static List<String> nodes(List<DataRedisConnectionDetails.Node> nodes) {
      return nodes.stream().map(n -> RedisTarget.hostPort(n.host(), n.port())).toList();
    }
  }

  /** Actuator health {@code lockllmRedis}, unless {@code management.health.lockllm-redis.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
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

  /** {@link Boot3Configurations.TomcatErrorsConfiguration} on Boot 4's Tomcat factory. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.apache.catalina.startup.Tomcat",
      "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory"})
  @ConditionalOnBooleanProperty(name = "lockllm.spring.container-errors", matchIfMissing = true)
  static class TomcatErrorsConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "lockLLMTomcatErrors")
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> lockLLMTomcatErrors() {
      return new TomcatErrorsCustomizer();
    }
  }

  /** Installs {@link JsonErrorReportValve} on the host, last, as on Boot 3. */
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
