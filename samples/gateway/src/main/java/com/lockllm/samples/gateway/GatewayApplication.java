package com.lockllm.samples.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The LockLLM-compatible gateway: OpenAI- and Anthropic-compatible routes and
 * {@code /v1/proxy/{provider}/...} (package {@code proxy}), protected by
 * {@code lockllm-spring-boot-starter} through {@code application.properties} alone, answered by the
 * offline echo model unless an upstream is configured.
 */
@SpringBootApplication
@RestController
public class GatewayApplication {
  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }

  @GetMapping("/health")
  Map<String, String> health() {
    return Map.of("status", "ok");
  }
}
