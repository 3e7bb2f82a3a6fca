package com.lockllm.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanOptionsTest {
  @Test
  void defaultsAreTheLockLLMServiceDefaults() {
    ScanOptions d = ScanOptions.defaults();
    assertThat(d.sensitivity()).isEqualTo(Sensitivity.MEDIUM);
    assertThat(d.scanMode()).isEqualTo(ScanMode.COMBINED);
    assertThat(d.scanAction()).isEqualTo(ScanAction.ALLOW_WITH_WARNING);
    assertThat(d.policyAction()).isEqualTo(ScanAction.ALLOW_WITH_WARNING);
    assertThat(d.abuseAction()).isNull();
    assertThat(d.piiAction()).isNull();
    assertThat(d.compression()).isNull();
    assertThat(d.routeAction()).isNull();
    assertThat(ScanOptions.empty().resolved()).isEqualTo(d);
  }

  @Test
  void overridesReplaceOnlyWhatTheySet() {
    ScanOptions global = ScanOptions.builder().sensitivity(Sensitivity.LOW).scanAction(ScanAction.BLOCK)
        .piiAction(PiiAction.STRIP).build();
    ScanOptions route = ScanOptions.builder().sensitivity(Sensitivity.HIGH).chunk(false).build();

    ScanOptions merged = global.overriddenBy(route);

    assertThat(merged.sensitivity()).isEqualTo(Sensitivity.HIGH);
    assertThat(merged.scanAction()).isEqualTo(ScanAction.BLOCK);
    assertThat(merged.piiAction()).isEqualTo(PiiAction.STRIP);
    assertThat(merged.chunk()).isFalse();
    assertThat(global.overriddenBy(null)).isSameAs(global);
    assertThat(global.overriddenBy(ScanOptions.empty())).isSameAs(global);
    assertThat(ScanOptions.from(merged).build()).isEqualTo(merged).hasSameHashCodeAs(merged);
  }

  @Test
  void compressionRateIsBounded() {
    assertThat(ScanOptions.builder().compressionRate(0.3).build().compressionRate()).isEqualTo(0.3);
    assertThatThrownBy(() -> ScanOptions.builder().compressionRate(0.8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compressionRate").hasMessageContaining("0.8");
    assertThatThrownBy(() -> ScanOptions.builder().compressionRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wireNamesParseLeniently() {
    assertThat(ScanAction.fromWire("allow-with-warning")).isEqualTo(ScanAction.ALLOW_WITH_WARNING);
    assertThat(ScanMode.fromWire(" POLICY_ONLY ")).isEqualTo(ScanMode.POLICY_ONLY);
    assertThat(PiiAction.STRIP.wireName()).isEqualTo("strip");
    assertThatThrownBy(() -> Sensitivity.fromWire("extreme"))
        .hasMessageContaining("sensitivity").hasMessageContaining("[low, medium, high]").hasMessageContaining("extreme");
  }
}
