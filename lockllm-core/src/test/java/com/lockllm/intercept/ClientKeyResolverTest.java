package com.lockllm.intercept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.intercept.InboundRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeyResolverTest {
  static InboundRequest.Builder request() {
    return InboundRequest.builder("POST", "/v1/chat/completions");
  }

  @Test
  void defaultsPreferThePrincipalThenThePeerAddress() {
    ClientKeyResolver r = ClientKeyResolver.defaults();
    assertThat(r.resolve(request().principal("ann").remoteAddress("10.0.0.1").build())).isEqualTo("user:ann");
    assertThat(r.resolve(request().remoteAddress("10.0.0.1").build())).isEqualTo("ip:10.0.0.1");
    assertThat(r.resolve(request().build())).isNull();
  }

  @Test
  void forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
    InboundRequest spoofed = request().remoteAddress("203.0.113.9").header("X-Forwarded-For", "1.1.1.1").build();
    assertThat(ClientKeyResolver.remoteAddress(List.of()).resolve(spoofed)).isEqualTo("ip:203.0.113.9");
    assertThat(ClientKeyResolver.remoteAddress(List.of("10.0.0.0/8")).resolve(spoofed)).isEqualTo("ip:203.0.113.9");
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
    ClientKeyResolver r = ClientKeyResolver.remoteAddress(List.of("10.0.0.0/8", "192.168.1.7"));
    InboundRequest viaTwo = request().remoteAddress("10.1.2.3")
        .header("X-Forwarded-For", "6.6.6.6, 198.51.100.4")
        .header("X-Forwarded-For", "192.168.1.7")
        .build();
    // 6.6.6.6 was written by the client itself; only the hops our proxies appended count
    assertThat(r.resolve(viaTwo)).isEqualTo("ip:198.51.100.4");
    InboundRequest allTrusted = request().remoteAddress("10.1.2.3").header("X-Forwarded-For", "10.9.9.9").build();
    assertThat(r.resolve(allTrusted)).isEqualTo("ip:10.9.9.9");
    InboundRequest noHeader = request().remoteAddress("10.1.2.3").build();
    assertThat(r.resolve(noHeader)).isEqualTo("ip:10.1.2.3");
  }

  @Test
  void ipv6RangesMatchAndNamesAreNeverLookedUp() {
    ClientKeyResolver r = ClientKeyResolver.remoteAddress(List.of("fd00::/8"));
    assertThat(r.resolve(request().remoteAddress("fd00::1").header("X-Forwarded-For", "2001:db8::5").build()))
        .isEqualTo("ip:2001:db8::5");
    assertThat(r.resolve(request().remoteAddress("fd00::1").header("X-Forwarded-For", "evil.example.com").build()))
        .isEqualTo("ip:evil.example.com");
    assertThatThrownBy(() -> ClientKeyResolver.remoteAddress(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.internal");
    assertThatThrownBy(() -> ClientKeyResolver.remoteAddress(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anApiKeyHeaderIsHashedAndTheKeyItselfNeverKept() {
    ClientKeyResolver r = ClientKeyResolver.header("Authorization").orElse(ClientKeyResolver.defaults());
    String a = r.resolve(request().header("Authorization", "Bearer sk-secret-1").remoteAddress("10.0.0.1").build());
    String b = r.resolve(request().header("Authorization", "sk-secret-1").build());
    assertThat(a).startsWith("key:").hasSize(4 + 32).doesNotContain("secret").isEqualTo(b);
    assertThat(r.resolve(request().header("Authorization", "Bearer sk-secret-2").build())).isNotEqualTo(a);
    assertThat(r.resolve(request().remoteAddress("10.0.0.1").build())).isEqualTo("ip:10.0.0.1");
  }
}
