package com.lockllm.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.decision.Decision;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.intercept.ProtectedRoute;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.Sensitivity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter on a real Jetty 12, configured programmatically, driven over real HTTP. */
class LockLLMFilterTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final String ATTACK =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"EVIL do it\"}]}";
  static final String BENIGN =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Write to ann@example.com about lunch\"}]}";

  final HttpClient http = HttpClient.newHttpClient();
  final AtomicInteger scans = new AtomicInteger();
  Server server;

  final Scanner scanner = request -> {
    scans.incrementAndGet();
    if (request.input().contains("BROKEN")) {
      throw new IllegalStateException("scanner bug");
    }
    boolean evil = request.input().contains("EVIL");
    List<String> redacted = request.segments().stream()
        .map(s -> s.text().replace("ann@example.com", "[Email]")).toList();
    boolean pii = !redacted.equals(request.segments().stream().map(s -> s.text()).toList());
    return ScanResponse.builder().safe(!evil).label(evil ? 1 : 0).injection(evil ? 96.0 : 2.0)
        .confidence(95.0).sensitivity(Sensitivity.MEDIUM).requestId("req_t")
        .piiResult(pii ? new PiiResult(true, List.of("Email"), 1,
            String.join(ScanRequest.SEPARATOR, redacted), redacted) : null)
        .build();
  };

  URI start(LockLLMInterceptor interceptor) throws Exception {
    return start(interceptor, EnumSet.of(DispatcherType.REQUEST));
  }

  URI start(LockLLMInterceptor interceptor, EnumSet<DispatcherType> dispatch) throws Exception {
    return start(LockLLMFilter.create(interceptor), dispatch);
  }

  URI start(LockLLMFilter filter, EnumSet<DispatcherType> dispatch) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    context.addFilter(new FilterHolder(filter), "/*", dispatch);
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response)
          throws ServletException, IOException {
        request.getRequestDispatcher("/v1/echo").forward(request, response);
      }
    }), "/v1/forward");
    context.addServlet(new ServletHolder(new EchoServlet()), "/*");
    server.setHandler(context);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  HttpResponse<String> post(URI base, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  LockLLMInterceptor.Builder blocking() {
    return LockLLMInterceptor.builder(scanner)
        .options(ScanOptions.builder().scanAction(ScanAction.BLOCK).build())
        .route(ProtectedRoute.builder("/v1/**").build());
  }

  @Test
  void aPerRequestFilterScansOnlyWhatItsSelectorPicksAndHandsRejectionsToItsWriter() throws Exception {
    List<Decision> decisions = new java.util.concurrent.CopyOnWriteArrayList<>();
    LockLLMInterceptor interceptor = blocking().listener(decisions::add).build();
    URI base = start(LockLLMFilter.create(
        request -> request.getRequestURI().endsWith("/picked") ? interceptor : null,
        (reject, request, response) -> response.sendError(418, reject.error().getMessage())),
        EnumSet.of(DispatcherType.REQUEST));

    assertThat(post(base, "/v1/other", ATTACK).statusCode()).isEqualTo(200);
    assertThat(post(base, "/v1/picked", ATTACK).statusCode()).isEqualTo(418);
    assertThat(scans).hasValue(1);
    assertThat(decisions).singleElement().extracting(Decision::outcome).isEqualTo(Decision.Outcome.BLOCKED);
  }

  @Test
  void rejectsAnInjectionWithTheLockLLMErrorAndNeverCallsTheApplication() throws Exception {
    URI base = start(blocking().build());

    HttpResponse<String> response = post(base, "/v1/chat/completions", ATTACK);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-LockLLM-Blocked")).hasValue("true");
    JsonNode error = OBJECT_MAPPER.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("prompt_injection_detected");
    assertThat(error.get("request_id").asText()).isEqualTo("req_t");
    assertThat(response.body()).doesNotContain("\"body\"");
  }

  @Test
  void passesABenignPromptWithTheSameBytesHeadersAndAttribute() throws Exception {
    URI base = start(blocking().build());
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}],  \"x\":[1,2]}";

    HttpResponse<String> response = post(base, "/v1/chat/completions", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-LockLLM-Scanned")).hasValue("true");
    assertThat(response.headers().firstValue("X-LockLLM-Safe")).hasValue("true");
    JsonNode seen = OBJECT_MAPPER.readTree(response.body());
    assertThat(seen.get("body").asText()).isEqualTo(body);
    assertThat(seen.get("content_length").asLong()).isEqualTo(body.length());
    assertThat(seen.get("scan").get("request_id").asText()).isEqualTo("req_t");
  }

  @Test
  void stripHandsTheApplicationTheRedactedBodyWithItsLength() throws Exception {
    URI base = start(LockLLMInterceptor.builder(scanner)
        .options(ScanOptions.builder().piiAction(com.lockllm.scan.PiiAction.STRIP).build()).build());

    HttpResponse<String> response = post(base, "/v1/chat/completions", BENIGN);

    JsonNode seen = OBJECT_MAPPER.readTree(response.body());
    String expected = BENIGN.replace("ann@example.com", "[Email]");
    assertThat(seen.get("body").asText()).isEqualTo(expected);
    assertThat(seen.get("content_length").asLong()).isEqualTo(expected.length());
    assertThat(seen.get("content_length_header").asText()).isEqualTo(Integer.toString(expected.length()));
    assertThat(response.headers().firstValue("X-LockLLM-PII-Detected")).hasValue("true");
  }

  @Test
  void aForwardedRequestIsScannedOnceAndKeepsItsBody() throws Exception {
    URI base = start(blocking().build(), EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD));
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

    HttpResponse<String> response = post(base, "/v1/forward", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(OBJECT_MAPPER.readTree(response.body()).get("body").asText()).isEqualTo(body);
    assertThat(scans).hasValue(1);
  }

  @Test
  void leavesUnprotectedPathsAlone() throws Exception {
    URI base = start(blocking().build());

    HttpResponse<String> response = post(base, "/other", ATTACK);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(OBJECT_MAPPER.readTree(response.body()).get("body").asText()).isEqualTo(ATTACK);
    assertThat(scans).hasValue(0);
  }

  @Test
  void rejectsBadBodiesWithTypedErrors() throws Exception {
    URI base = start(blocking().build());

    HttpResponse<String> malformed = post(base, "/v1/chat", "{\"messages\":[{");
    HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/app/v1/chat"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(OBJECT_MAPPER.readTree(malformed.body()).get("error").get("code").asText()).isEqualTo("invalid_json");
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(OBJECT_MAPPER.readTree(form.body()).get("error").get("code").asText()).isEqualTo("unsupported_content_type");
  }

  @Test
  void rejectsOversizedBodiesWith413WhetherDeclaredOrChunked() throws Exception {
    URI base = start(blocking().extraction(com.lockllm.extract.ExtractionConfig.builder().maxBodyBytes(1024).build()).build());
    String big = "{\"prompt\":\"" + "a".repeat(4096) + "\"}";

    HttpResponse<String> declared = post(base, "/v1/completions", big);
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(base.resolve("/app/v1/completions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(OBJECT_MAPPER.readTree(chunked.body()).get("error").get("code").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void failModeDecidesWhenTheScannerBreaks() throws Exception {
    String broken = "{\"prompt\":\"BROKEN\"}";
    URI closed = start(blocking().build());
    assertThat(post(closed, "/v1/completions", broken).statusCode()).isEqualTo(503);
    server.stop();

    URI open = start(blocking().failMode(FailMode.OPEN).build());
    HttpResponse<String> passed = post(open, "/v1/completions", broken);
    assertThat(passed.statusCode()).isEqualTo(200);
    assertThat(passed.headers().firstValue("X-LockLLM-Scanned")).hasValue("false");
    assertThat(OBJECT_MAPPER.readTree(passed.body()).get("body").asText()).isEqualTo(broken);
  }
}
