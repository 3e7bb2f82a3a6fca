package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.testing.ContractSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The properties holder covers every core option: a new one in the core fails here until bound. */
class LockLLMPropertiesTest {
  @Test
  void everyCoreOptionBindsAndReachesTheCore() {
    LockLLMProperties properties = new Binder(new MapConfigurationPropertySource(ContractSettings.everyOption()))
        .bind("lockllm", LockLLMProperties.class).get();
    assertThat(properties.toSettings().keySet()).containsAll(LockLLMSettings.knownNames());
    LockLLMSettings settings = LockLLMSettings.fromMap(properties.toSettings());
    assertThat(settings.extraction().maxBodyBytes()).isEqualTo(16 * 1024);
    assertThat(settings.scanOptions().compressionRate()).isEqualTo(0.5);
  }
}
