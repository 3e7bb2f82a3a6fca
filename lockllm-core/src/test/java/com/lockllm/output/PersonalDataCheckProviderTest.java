package com.lockllm.output;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class PersonalDataCheckProviderTest {
  @Test
  void withoutTheEngineOnTheClassPathLoadingSaysWhatToAdd() {
    assertThatThrownBy(PersonalDataCheckProvider::load)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lockllm-engine");
  }
}
