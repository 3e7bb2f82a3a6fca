package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ConfigurationException;
import com.lockllm.extract.PromptFormat;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.ScanAction;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Micronaut properties map onto the core's option names, nested and converted ones included. */
class LockLLMConfigurationTest {
  @Test
  void propertiesReachTheCoreSettings() {
    Map<String, Object> properties = Map.of(
        "lockllm.scan-action", "block",
        "lockllm.fail-mode", "open",
        "lockllm.scan-timeout", "2s",
        "lockllm.max-body-size", "16KB",
        "lockllm.protected-paths", List.of("/v1/chat/completions", "/api/**"),
        "lockllm.extraction.format", "pointers",
        "lockllm.extraction.pointers", "/prompt,/input");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      LockLLMSettings settings = context.getBean(LockLLMConfiguration.class).toSettings().build();
      assertThat(settings.scanOptions().scanAction()).isEqualTo(ScanAction.BLOCK);
      assertThat(settings.failMode()).isEqualTo(FailMode.OPEN);
      assertThat(settings.scanTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(settings.extraction().maxBodyBytes()).isEqualTo(16 * 1024);
      assertThat(settings.extraction().format()).isEqualTo(PromptFormat.POINTERS);
      assertThat(settings.extraction().pointers()).containsExactly("/prompt", "/input");
      assertThat(settings.protectedPaths()).containsExactly("/v1/chat/completions", "/api/**");
    }
  }

  @Test
  void unsetOptionsKeepTheCoreDefaults() {
    assertThat(new LockLLMConfiguration().toSettings().build()).isEqualTo(LockLLMSettings.builder().build());
  }

  @Test
  void aBadValueIsNamedAtStartup() {
    LockLLMConfiguration configuration = new LockLLMConfiguration();
    configuration.setCompressionRate(0.9);
    assertThatThrownBy(() -> configuration.toSettings().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'compression-rate'").hasMessageContaining("0.3");
    assertThatThrownBy(() -> ApplicationContext.run(Map.of("lockllm.scan-action", "maybe"))
        .getBean(LockLLMConfiguration.class))
        .as("Micronaut refuses a value of no enum constant, naming the property")
        .hasMessageContaining("scan-action").hasMessageContaining("maybe");
  }

  @Test
  void aCustomizerBeanOverridesProperties() {
    LockLLMCustomizer block = settings -> settings.scanAction(ScanAction.BLOCK);
    try (ApplicationContext context = ApplicationContext.builder()
        .properties(Map.of("lockllm.scan-action", "allow_with_warning", "lockllm.engine-tier", "rules"))
        .singletons(block)
        .start()) {
      assertThat(context.getBean(LockLLMSettings.class).scanOptions().scanAction()).isEqualTo(ScanAction.BLOCK);
      assertThat(context.getBean(LockLLMInterceptor.class).options().scanAction()).isEqualTo(ScanAction.BLOCK);
    }
  }

  @Test
  void sizesAreReadableBytes() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("lockllm.max-body-size", "2MB"))) {
      assertThat(context.getBean(LockLLMSettings.class).extraction().maxBodyBytes()).isEqualTo(2 * 1024 * 1024);
    }
    assertThatThrownBy(() -> ApplicationContext.run(Map.of("lockllm.max-body-size", "lots"))
        .getBean(LockLLMConfiguration.class))
        .hasMessageContaining("max-body-size");
  }
}
