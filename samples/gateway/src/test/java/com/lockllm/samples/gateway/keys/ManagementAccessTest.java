package com.lockllm.samples.gateway.keys;

import static com.lockllm.samples.gateway.keys.Gateways.raw;
import static com.lockllm.samples.gateway.keys.Gateways.send;
import static com.lockllm.samples.gateway.keys.Gateways.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With client keys, the health probes and the dashboard page stay open, while the metrics, the
 * health details and the dashboard's data need a key flagged {@code admin}, on a gateway that
 * requires keys and on one that serves anonymous clients too.
 */
class ManagementAccessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ALICE = "gk-alice-Vn4Rt8Qw2Lm6Zp1";
  static final String OPS = "gk-ops-Jc5Hy9Bd3Fs7Kx2";
  static final List<String> ADMIN_PATHS = List.of("/actuator/prometheus", "/dashboard/stats", "/actuator",
      "/actuator/health/lockllm", "/actuator/prometheus/");

  static ConfigurableApplicationContext keyed;
  static ConfigurableApplicationContext optional;

  @BeforeAll
  static void start() {
    String keys = "--lockllm.gateway.keys=alice:" + sha256(ALICE) + ":trusted,ops:" + sha256(OPS) + ":admin";
    keyed = Gateways.start(Map.of(), keys, "--lockllm.engine-tier=lexical");
    optional = Gateways.start(Map.of(), keys, "--lockllm.gateway.anonymous=true", "--lockllm.engine-tier=lexical");
  }

  @AfterAll
  static void stop() {
    for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {keyed, optional}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void theProbesAndTheDashboardPageAreOpenAndShowOnlyTheStatus() throws Exception {
    for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
        "/dashboard.html", "/dashboard.js", "/dashboard.css", "/health")) {
      for (ConfigurableApplicationContext gateway : List.of(keyed, optional)) {
        assertThat(send(gateway, "GET", path, null).statusCode()).as(path).isEqualTo(200);
      }
    }
    for (String[] key : new String[][] {{}, {"X-LockLLM-Key", ALICE}, {"X-LockLLM-Key", "wrong"}}) {
      HttpResponse<String> readiness = send(keyed, "GET", "/actuator/health/readiness", null, key);
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(readiness.body()).fieldNames()).toIterable().containsExactly("status");
    }
  }

  @Test
  void anAdminKeySeesTheHealthDetails() throws Exception {
    for (String header : new String[] {"X-LockLLM-Key", "Authorization"}) {
      String value = header.equals("Authorization") ? "Bearer " + OPS : OPS;
      JsonNode readiness = JSON.readTree(send(keyed, "GET", "/actuator/health/readiness", null, header, value).body());
      assertThat(readiness.path("components").path("lockllm").path("details").path("scanner").asText())
          .isEqualTo("embedded");
    }
  }

  @Test
  void metricsAndStatsNeedTheAdminFlag() throws Exception {
    for (String path : ADMIN_PATHS) {
      HttpResponse<String> none = send(keyed, "GET", path, null);
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      HttpResponse<String> alice = send(keyed, "GET", path, null, "X-LockLLM-Key", ALICE);
      assertThat(alice.statusCode()).as(path).isEqualTo(403);
      assertThat(JSON.readTree(alice.body()).path("error").path("code").asText()).isEqualTo("admin_required");
      assertThat(send(keyed, "GET", path, null, "x-api-key", OPS).statusCode()).as(path).isIn(200, 404);
      HttpResponse<String> anonymous = send(optional, "GET", path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(send(optional, "GET", path, null, "X-LockLLM-Key", ALICE).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(send(keyed, "GET", "/actuator/prometheus", null, "X-LockLLM-Key", OPS).body())
        .contains("lockllm_gateway_auth_total{key=\"ops\",outcome=\"ok\"}");
    assertThat(send(optional, "GET", "/dashboard/stats", null, "X-LockLLM-Key", OPS).statusCode()).isEqualTo(200);
    // Dot segments cannot reach the metrics through an open path.
    assertThat(raw(keyed, "GET /actuator/health/../prometheus HTTP/1.1")).isIn(400, 401);
    assertThat(raw(keyed, "GET /actuator/health/../prometheus HTTP/1.1", "X-LockLLM-Key: " + ALICE)).isIn(400, 403);
  }
}
