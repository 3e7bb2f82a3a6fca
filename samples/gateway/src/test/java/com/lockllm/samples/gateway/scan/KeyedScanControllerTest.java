package com.lockllm.samples.gateway.scan;

import com.lockllm.samples.gateway.GatewayApplication;
import com.lockllm.testing.ScanServerContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scan-server contract with the contract's key configured as a gateway client key instead of
 * {@code scan-api-key}: {@code LockLLMClient} authenticates with it as it would with the LockLLM API,
 * and reads the gateway's 401 as an {@code AuthenticationException}.
 */
class KeyedScanControllerTest extends ScanServerContract {
  private ConfigurableApplicationContext context;

  @Override
  protected URI start() throws Exception {
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--lockllm.gateway.keys=contract:" + digest));
    policySettings().forEach((name, value) -> args.add("--" + name + "=" + value));
    context = SpringApplication.run(GatewayApplication.class, args.toArray(String[]::new));
    return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  @Override
  protected void stop() {
    context.close();
  }
}
