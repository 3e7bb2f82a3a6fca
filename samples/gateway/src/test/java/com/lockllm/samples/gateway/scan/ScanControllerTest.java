package com.lockllm.samples.gateway.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.samples.gateway.GatewayApplication;
import com.lockllm.testing.ScanServerContract;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's {@code POST /v1/scan}, started as its {@code main} does on a random port with a scan
 * key and a custom policy, against the scan-server contract.
 */
class ScanControllerTest extends ScanServerContract {
  private ConfigurableApplicationContext context;

  @Override
  protected URI start() {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--lockllm.gateway.scan-api-key=" + KEY));
    policySettings().forEach((name, value) -> args.add("--" + name + "=" + value));
    context = SpringApplication.run(GatewayApplication.class, args.toArray(String[]::new));
    return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  @Override
  protected void stop() {
    context.close();
  }

  @Test
  void theStartersFilterLeavesTheScanRouteToTheEndpoint() throws Exception {
    // The gateway blocks attacks on its protected paths; the scan API reports them unless asked to block.
    HttpResponse<String> response = post("{\"input\":\"" + ATTACK + "\"}", "x-api-key", KEY);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"safe\":false");
    assertThat(response.headers().firstValue("X-LockLLM-Scanned")).isEmpty();
  }
}
