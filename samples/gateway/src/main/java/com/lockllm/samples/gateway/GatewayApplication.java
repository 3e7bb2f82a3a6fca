package com.lockllm.samples.gateway;

import com.lockllm.samples.echo.EchoModel;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An OpenAI-compatible chat-completions endpoint answered by the offline echo model and protected by
 * {@code lockllm-spring-boot-starter} through {@code application.properties} alone.
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

  /** Reached only with a body the starter scanned and let through; {@code scan} is its verdict. */
  @PostMapping("/v1/chat/completions")
  ResponseEntity<byte[]> chatCompletions(@RequestBody byte[] body, ScanResponse scan) throws IOException {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(EchoModel.CONTENT_TYPE))
        .body(EchoModel.chatCompletion(body, scan));
  }
}
