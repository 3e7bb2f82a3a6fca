package com.lockllm.intercept;

import static com.lockllm.intercept.LockLLMInterceptorTest.CHAT;
import static com.lockllm.intercept.LockLLMInterceptorTest.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.intercept.LockLLMInterceptorTest.FakeScanner;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Sensitivity;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The ways around the scan that do not go through the scanner: headers that loosen the policy, a
 * rewrite that makes text the scan never saw, and bodies on methods the route does not list.
 */
class NoWayAroundTest {
  private static final ScanOptions CONFIGURED = ScanOptions.builder()
      .scanAction(ScanAction.BLOCK).policyAction(ScanAction.BLOCK).piiAction(PiiAction.STRIP)
      .sensitivity(Sensitivity.MEDIUM).scanMode(ScanMode.COMBINED).build();

  private static LockLLMInterceptor.Builder builder(FakeScanner scanner) {
    return LockLLMInterceptor.builder(scanner).options(CONFIGURED).proxyHeaders(true);
  }

  private static InboundRequest post(String body, Map<String, String> headers) {
    InboundRequest.Builder b = InboundRequest.builder("POST", "/v1/chat")
        .header("Content-Type", "application/json")
        .body(new ByteArrayInputStream(body.getBytes(UTF_8)), body.getBytes(UTF_8).length);
    headers.forEach(b::header);
    return b.build();
  }

  @Test
  void anUntrustedClientCannotLoosenThePolicyWithHeaders() {
    FakeScanner scanner = new FakeScanner(LockLLMInterceptorTest::verdict);
    LockLLMInterceptor interceptor = builder(scanner).build();
    Map<String, String> loosening = Map.of(
        LockLLMHeaders.SCAN_ACTION, "allow_with_warning",
        LockLLMHeaders.SCAN_MODE, "policy_only",
        LockLLMHeaders.PII_ACTION, "allow_with_warning",
        LockLLMHeaders.POLICY_ACTION, "allow_with_warning",
        LockLLMHeaders.SENSITIVITY, "low",
        LockLLMHeaders.CHUNK, "false");

    InterceptDecision d = interceptor.intercept(post(CHAT, loosening));

    assertThat(d).isInstanceOf(InterceptDecision.Reject.class);
    ScanOptions used = scanner.seen.get(0).options();
    assertThat(used.scanAction()).isEqualTo(ScanAction.BLOCK);
    assertThat(used.policyAction()).isEqualTo(ScanAction.BLOCK);
    assertThat(used.scanMode()).isEqualTo(ScanMode.COMBINED);
    assertThat(used.piiAction()).isEqualTo(PiiAction.STRIP);
    assertThat(used.sensitivity()).isEqualTo(Sensitivity.MEDIUM);
    assertThat(used.chunk()).isTrue();
    assertThat(((InterceptDecision.Reject) d).response().headers().get(LockLLMHeaders.IGNORED_HEADERS))
        .contains(LockLLMHeaders.SCAN_ACTION, LockLLMHeaders.SCAN_MODE, LockLLMHeaders.PII_ACTION,
            LockLLMHeaders.POLICY_ACTION, LockLLMHeaders.SENSITIVITY, LockLLMHeaders.CHUNK);
  }

  @Test
  void anyClientMayTightenThePolicy() {
    FakeScanner scanner = new FakeScanner(LockLLMInterceptorTest::verdict);
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(scanner).proxyHeaders(true)
        .options(ScanOptions.builder().scanMode(ScanMode.NORMAL).sensitivity(Sensitivity.LOW)
            .piiAction(PiiAction.ALLOW_WITH_WARNING).build())
        .build();

    InterceptDecision d = interceptor.intercept(post("{\"prompt\":\"hello\"}", Map.of(
        LockLLMHeaders.SCAN_ACTION, "block",
        LockLLMHeaders.SCAN_MODE, "policy_only",
        LockLLMHeaders.SENSITIVITY, "high",
        LockLLMHeaders.PII_ACTION, "strip",
        LockLLMHeaders.ABUSE_ACTION, "allow_with_warning",
        LockLLMHeaders.COMPRESSION, "toon")));

    ScanOptions used = scanner.seen.get(0).options();
    assertThat(used.scanAction()).isEqualTo(ScanAction.BLOCK);
    // policy_only adds the policy check; it cannot drop the injection scan
    assertThat(used.scanMode()).isEqualTo(ScanMode.COMBINED);
    assertThat(used.sensitivity()).isEqualTo(Sensitivity.HIGH);
    assertThat(used.piiAction()).isEqualTo(PiiAction.STRIP);
    assertThat(used.abuseAction()).isEqualTo(ScanAction.ALLOW_WITH_WARNING);
    assertThat(used.compression()).isEqualTo(CompressionMethod.TOON);
    assertThat(((InterceptDecision.Proceed) d).responseHeaders().get(LockLLMHeaders.IGNORED_HEADERS))
        .isEqualTo(LockLLMHeaders.SCAN_MODE);
  }

  @Test
  void aTrustedClientMayLoosenThePolicy() {
    FakeScanner scanner = new FakeScanner(LockLLMInterceptorTest::verdict);
    LockLLMInterceptor interceptor = builder(scanner)
        .headerTrust(request -> "yes".equals(request.header("X-Test-Trusted")))
        .build();
    Map<String, String> headers = Map.of(LockLLMHeaders.SCAN_ACTION, "allow_with_warning", "X-Test-Trusted", "yes");

    InterceptDecision d = interceptor.intercept(post(CHAT, headers));

    assertThat(d).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(((InterceptDecision.Proceed) d).responseHeaders()).doesNotContainKey(LockLLMHeaders.IGNORED_HEADERS);
    assertThat(interceptor.forEndpoint(ScanOptions.empty(), null).intercept(post(CHAT, headers)))
        .as("an endpoint's interceptor keeps the trust").isInstanceOf(InterceptDecision.Proceed.class);
  }

  @Test
  void headersAreIgnoredAltogetherUnlessProxyHeadersIsOn() {
    FakeScanner scanner = new FakeScanner(LockLLMInterceptorTest::verdict);
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(scanner).options(CONFIGURED)
        .headerTrust(request -> true).build();

    interceptor.intercept(post(CHAT, Map.of(LockLLMHeaders.SCAN_ACTION, "allow_with_warning")));

    assertThat(scanner.seen.get(0).options().scanAction()).isEqualTo(ScanAction.BLOCK);
  }

  /** A compression that decodes what the first scan saw escaped: the decoded text is scanned before it is forwarded. */
  @Test
  void textThatOnlyACompressionRevealsIsScannedBeforeItIsForwarded() {
    UnaryOperator<String> decode = text -> text.replace("\\u0045", "E");
    FakeScanner scanner = new FakeScanner(request -> {
      ScanResponse verdict = LockLLMInterceptorTest.verdict(request);
      if (request.options().compression() == null) {
        return verdict;
      }
      List<String> compressed = request.segments().stream().map(s -> decode.apply(s.text())).toList();
      return verdict.toBuilder().compressionResult(new CompressionResult("toon",
          String.join(ScanRequest.SEPARATOR, compressed), 0, 0, 1.0, compressed)).build();
    });
    LockLLMInterceptor interceptor = builder(scanner).build();
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"{\\\"a\\\":\\\"\\\\u0045VIL\\\"}\"}]}";

    InterceptDecision d = interceptor.intercept(post(body, Map.of(LockLLMHeaders.COMPRESSION, "toon")));

    assertThat(d).isInstanceOf(InterceptDecision.Reject.class);
    assertThat(scanner.seen).hasSize(2);
    assertThat(scanner.seen.get(1).input()).contains("EVIL");
    assertThat(scanner.seen.get(1).options().compression()).isNull();
  }

  /** Personal data that only a compression reveals is redacted from what is forwarded, and reported. */
  @Test
  void personalDataThatOnlyACompressionRevealsIsRedacted() {
    FakeScanner scanner = new FakeScanner(request -> {
      ScanResponse.Builder r = LockLLMInterceptorTest.verdict(request).toBuilder();
      String text = request.segments().get(0).text();
      if (request.options().compression() != null) {
        String compressed = text.replace("\\u0040", "@");
        r.compressionResult(new CompressionResult("toon", compressed, 0, 0, 1.0, List.of(compressed)));
      } else if (text.contains("jane@example.com")) {
        String redacted = text.replace("jane@example.com", "[Email]");
        r.piiResult(new PiiResult(true, List.of("Email"), 1, redacted, List.of(redacted)));
      }
      return r.build();
    });
    LockLLMInterceptor interceptor = builder(scanner).build();
    String body = "{\"prompt\":\"{\\\"to\\\":\\\"jane\\\\u0040example.com\\\"}\"}";

    InterceptDecision.Proceed d = (InterceptDecision.Proceed) interceptor.intercept(
        post(body, Map.of(LockLLMHeaders.COMPRESSION, "toon")));

    String forwarded = new String(d.body(), UTF_8);
    assertThat(forwarded).doesNotContain("jane").contains("[Email]");
    assertThat(d.responseHeaders()).containsEntry(LockLLMHeaders.PII_DETECTED, "true");
  }

  @Test
  void aBodyOnAMethodTheRouteDoesNotListIsScanned() {
    FakeScanner scanner = new FakeScanner(LockLLMInterceptorTest::verdict);
    LockLLMInterceptor interceptor = builder(scanner).route(ProtectedRoute.builder("/v1/**").build()).build();
    for (String method : List.of("GET", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND")) {
      InterceptDecision d = interceptor.intercept(InboundRequest.builder(method, "/v1/proxy/x/y")
          .header("Content-Type", "application/json")
          .body(new ByteArrayInputStream(CHAT.getBytes(UTF_8)), -1)
          .build());
      assertThat(d).as(method).isInstanceOf(InterceptDecision.Reject.class);
    }
  }

  @Test
  void aBodyOfAnotherTypeOnAnotherMethodIsRefusedNotPassed() {
    LockLLMInterceptor interceptor = builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .route(ProtectedRoute.builder("/v1/**").build()).build();
    InterceptDecision d = interceptor.intercept(InboundRequest.builder("GET", "/v1/chat")
        .header("Content-Type", "text/plain")
        .body(new ByteArrayInputStream("EVIL".getBytes(UTF_8)), 4)
        .build());
    assertThat(((InterceptDecision.Reject) d).error().code()).isEqualTo(InvalidRequestErrors.UNSUPPORTED_CONTENT_TYPE);
  }

  @Test
  void aRequestWithoutABodyOnAnotherMethodGoesOnUnscanned() {
    FakeScanner scanner = new FakeScanner(LockLLMInterceptorTest::verdict);
    LockLLMInterceptor interceptor = builder(scanner).route(ProtectedRoute.builder("/v1/**").build()).build();

    InterceptDecision.Proceed declared = (InterceptDecision.Proceed) interceptor.intercept(
        InboundRequest.builder("GET", "/v1/models").body(new ByteArrayInputStream(new byte[0]), 0).build());
    InterceptDecision.Proceed chunked = (InterceptDecision.Proceed) interceptor.intercept(
        InboundRequest.builder("GET", "/v1/models").body(new ByteArrayInputStream(new byte[0]), -1).build());

    assertThat(declared.bodyRead()).isFalse();
    assertThat(chunked.body()).isEmpty();
    assertThat(scanner.seen).isEmpty();
  }

  @Test
  void theAsyncPathScansTheRewrittenTextToo() {
    FakeScanner scanner = new FakeScanner(request -> {
      ScanResponse verdict = LockLLMInterceptorTest.verdict(request);
      if (request.options().compression() == null) {
        return verdict;
      }
      List<String> compressed = request.segments().stream().map(s -> s.text().replace("E-VIL", "EVIL")).toList();
      return verdict.toBuilder().compressionResult(new CompressionResult("toon", "", 0, 0, 1.0, compressed)).build();
    });
    LockLLMInterceptor interceptor = builder(scanner).build();

    InterceptDecision d = interceptor.interceptAsync(
        post("{\"prompt\":\"E-VIL\"}", Map.of(LockLLMHeaders.COMPRESSION, "toon"))).toCompletableFuture().join();

    assertThat(d).isInstanceOf(InterceptDecision.Reject.class);
  }
}
