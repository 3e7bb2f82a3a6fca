package com.lockllm.spring;

import com.lockllm.scan.Scanner;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.embedded.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The beans built on Spring Boot 3 types that Boot 4 moved to other modules: Actuator health and
 * the Tomcat factory. Each configuration requires its Boot 3 class by name, so on Boot 4 it is
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
