package com.lockllm.samples.gateway.keys;

import static com.lockllm.samples.gateway.keys.Gateways.send;
import static com.lockllm.samples.gateway.keys.Gateways.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each key's name is its client for abuse detection: every request comes from 127.0.0.1, so counted
 * by address one client's repeats would block the other; counted by key they do not.
 */
class KeyNamedClientsTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final String ALICE = "gk-alice-Kt3Ax7Qe2Rn6Bm9Jw5";
  static final String BOB = "gk-bob-Wr5Dn2Jq9Tf4Gb8Ky1Pz8";

  @Test
  void abuseIsCountedPerKeyName() throws Exception {
    try (ConfigurableApplicationContext gateway = Gateways.start(Map.of(
        "LOCKLLM_GATEWAY_KEYS", "alice:" + sha256(ALICE) + ",bob:" + sha256(BOB)),
        "--lockllm.abuse-action=block", "--lockllm.abuse.duplicate-prompts=3")) {
      String body = "{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about the Danube\"}]}";
      int blockedAfter = -1;
      for (int i = 1; i <= 8 && blockedAfter < 0; i++) {
        HttpResponse<String> r = send(gateway, "POST", "/v1/chat/completions", body, "Authorization", "Bearer " + ALICE);
        if (r.statusCode() != 200) {
          assertThat(r.statusCode()).isEqualTo(400);
          assertThat(OBJECT_MAPPER.readTree(r.body()).path("error").path("code").asText()).isEqualTo("abuse_detected");
          blockedAfter = i;
        }
      }
      assertThat(blockedAfter).as("alice's repeats are blocked").isPositive();
      // Another key from the same address is another client.
      assertThat(send(gateway, "POST", "/v1/chat/completions", body, "x-api-key", BOB).statusCode()).isEqualTo(200);
      assertThat(send(gateway, "POST", "/v1/chat/completions", body, "x-api-key", ALICE).statusCode()).isEqualTo(400);
    }
  }
}
