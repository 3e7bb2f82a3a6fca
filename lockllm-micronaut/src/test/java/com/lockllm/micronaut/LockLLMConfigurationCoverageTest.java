package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.testing.ContractSettings;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration holder covers every core option: a new one in the core fails here until bound. */
class LockLLMConfigurationCoverageTest {
  @Test
  void everyCoreOptionBindsAndReachesTheCore() {
    Map<String, Object> properties = new HashMap<>(ContractSettings.everyOption());
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      Map<String, String> map = context.getBean(LockLLMConfiguration.class).toSettingsMap();
      assertThat(map.keySet()).containsAll(LockLLMSettings.knownNames());
      LockLLMSettings settings = LockLLMSettings.fromMap(map);
      assertThat(settings.extraction().maxBodyBytes()).isEqualTo(16 * 1024);
      assertThat(settings.scanOptions().compressionRate()).isEqualTo(0.5);
    }
  }
}
