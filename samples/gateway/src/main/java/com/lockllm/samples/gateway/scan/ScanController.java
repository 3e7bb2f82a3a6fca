package com.lockllm.samples.gateway.scan;

import com.lockllm.scan.Scanner;
import com.lockllm.server.ScanEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The LockLLM scan API ({@code POST /v1/scan}) on the gateway, answered by {@link ScanEndpoint} over
 * the application's {@link Scanner} (the starter's embedded engine, or the LockLLM API when it is
 * configured), so {@code LockLLMClient} and the official SDKs can use the gateway as their scanner.
 * Requests must carry {@code lockllm.gateway.scan-api-key} when it is set. The route is not in
 * {@code lockllm.protected-paths}: the starter's filter must not scan the scan request itself. With
 * {@code lockllm.enabled=false} there is no scanner, so no route either (the gateway still starts,
 * unprotected: the load runs' baseline).
 */
@RestController
@ConditionalOnBooleanProperty(name = "lockllm.enabled", matchIfMissing = true)
public class ScanController {
  private final ScanEndpoint endpoint;

  public ScanController(Scanner scanner, @Value("${lockllm.gateway.scan-api-key:}") String apiKey) {
    this.endpoint = ScanEndpoint.create(scanner, apiKey, ScanEndpoint.DEFAULT_MAX_BODY_BYTES);
  }

  @PostMapping(ScanEndpoint.PATH)
  ResponseEntity<byte[]> scan(HttpServletRequest request) throws IOException {
    byte[] body = readBounded(request);
    ScanEndpoint.Answer answer = body == null
        ? endpoint.payloadTooLarge(request::getHeader)
        : endpoint.handle(request::getHeader, body);
    HttpHeaders headers = new HttpHeaders();
    answer.headers().forEach(headers::set);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return ResponseEntity.status(HttpStatusCode.valueOf(answer.status())).headers(headers).body(answer.body());
  }

  /** The body, or {@code null} when it is over the bound: refused on its length, else counted as it is read. */
  private byte[] readBounded(HttpServletRequest request) throws IOException {
    int max = endpoint.maxBodyBytes();
    if (request.getContentLengthLong() > max) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(max + 1);
      return body.length > max ? null : body;
    }
  }
}
