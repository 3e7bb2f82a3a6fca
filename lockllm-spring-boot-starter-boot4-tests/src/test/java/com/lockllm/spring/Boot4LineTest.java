package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.SpringVersion;

/** The starter's suite in this module runs on Spring Boot 4 and Spring Framework 7, with Boot 4's beans. */
class Boot4LineTest {
  @Test
  void runsOnSpringBoot4AndSpringFramework7() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    assertThat(SpringVersion.getVersion()).startsWith("7.");
  }

  @Test
  void theHealthIndicatorIsBoot4s() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LockLLMAutoConfiguration.class))
        .withBean(com.lockllm.scan.Scanner.class, () -> LockLLMAutoConfigurationTest.SCANNER)
        .run(context -> assertThat(context.getBean("lockllmHealthIndicator"))
            .isInstanceOf(HealthIndicator.class)
            .isInstanceOf(Boot4Configurations.LockLLMHealthIndicator.class));
  }
}
