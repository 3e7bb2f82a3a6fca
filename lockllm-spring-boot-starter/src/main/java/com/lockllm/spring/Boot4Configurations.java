package com.lockllm.spring;

import com.lockllm.scan.Scanner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@link Boot3Configurations} for Spring Boot 4, where health moved to {@code spring-boot-health}
 * ({@code org.springframework.boot.health.*}) and the Tomcat factory to {@code spring-boot-tomcat}
 * ({@code org.springframework.boot.tomcat}). Each configuration requires its Boot 4 class by name,
 * so on Boot 3 it is skipped. Compiled against those two Boot 4 modules, which are never on a Boot 3
 * application's class path. Not API.
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
