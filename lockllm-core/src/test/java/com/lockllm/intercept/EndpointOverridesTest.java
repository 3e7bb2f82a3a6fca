package com.lockllm.intercept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptFormat;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointOverridesTest {
  private final LockLLMInterceptor base = LockLLMInterceptor.builder(request -> {
    throw new AssertionError("not scanned here");
  }).options(ScanOptions.builder().sensitivity(Sensitivity.LOW).scanAction(ScanAction.BLOCK).build())
      .extraction(ExtractionConfig.builder().maxBodyBytes(4096).build())
      .build();

  @Test
  void setValuesOverrideAndEmptyOnesInherit() {
    LockLLMInterceptor endpoint = new EndpointOverrides("high", "", null, "strip", "pointers",
        List.of("/question")).applyTo(base);
    assertThat(endpoint.options().sensitivity()).isEqualTo(Sensitivity.HIGH);
    assertThat(endpoint.options().scanAction()).isEqualTo(ScanAction.BLOCK);
    assertThat(endpoint.options().piiAction()).isEqualTo(PiiAction.STRIP);
    assertThat(endpoint.extraction().format()).isEqualTo(PromptFormat.POINTERS);
    assertThat(endpoint.extraction().pointers()).containsExactly("/question");
    assertThat(endpoint.extraction().maxBodyBytes()).isEqualTo(4096);

    LockLLMInterceptor inherited = new EndpointOverrides(null, null, null, null, "", null).applyTo(base);
    assertThat(inherited.options()).isEqualTo(base.options());
    assertThat(inherited.extraction()).isEqualTo(base.extraction());
  }

  @Test
  void aBadValueIsNamed() {
    assertThatThrownBy(() -> new EndpointOverrides("extreme", null, null, null, null, List.of()).applyTo(base))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extreme");
  }
}
