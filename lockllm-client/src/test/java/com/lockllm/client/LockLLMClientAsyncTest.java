package com.lockllm.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lockllm.error.AuthenticationException;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.NetworkException;
import com.lockllm.error.PromptInjectionException;
import com.lockllm.error.RateLimitException;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockLLMClientAsyncTest extends ClientTestSupport {
  /**
   * The prompt of {@link #timeouts}: an attempt it abandoned can reach WireMock's journal during a
   * later test, so the others count only the requests of their own prompt {@code "x"}.
   */
  private static final String TIMED_OUT = "times out";

  private static List<LoggedRequest> scanRequestsOfX() {
    return API.findAll(postRequestedFor(urlEqualTo("/v1/scan")).withRequestBody(containing("\"input\":\"x\"")));
  }


  private static ScanResponse await(CompletionStage<ScanResponse> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static Throwable failureOf(CompletionStage<ScanResponse> stage) {
    try {
      await(stage);
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the scan to fail");
  }

  @Test
  void safeScanWithOptionsAndRequestOptions() {
    answer(json(200, SAFE_JSON));

    ScanResponse r =
        await(client().build().scanAsync("Hello", ScanOptions.builder().scanMode(ScanMode.NORMAL).build(),
            RequestOptions.builder().header("X-Custom", "1").build()));

    assertThat(r.safe()).isTrue();
    assertThat(r.requestId()).isEqualTo("test_request_123");
    API.verify(
        postRequestedFor(urlEqualTo("/v1/scan"))
            .withHeader("X-LockLLM-Scan-Mode", equalTo("normal"))
            .withHeader("X-Custom", equalTo("1"))
            .withRequestBody(equalToJson("{\"input\":\"Hello\",\"sensitivity\":\"medium\"}")));
  }

  @Test
  void scanRequestOverload() {
    answer(json(200, UNSAFE_JSON));

    ScanResponse r = await(client().build().scanAsync(ScanRequest.of("x", ScanOptions.empty())));

    assertThat(r.safe()).isFalse();
    assertThat(r.debug().durationMs()).isEqualTo(150L);
  }

  @Test
  void errorBodiesBecomeTypedFailures() {
    answer(json(401, AUTH_ERROR_JSON));

    assertThat(failureOf(client().build().scanAsync("x", ScanOptions.empty())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("Invalid API key");
    assertThat(scanRequestsOfX()).hasSize(1);
  }

  @Test
  void promptInjection() {
    answer(json(400, """
        {"error":{"message":"Malicious","type":"lockllm_security_error","code":"prompt_injection_detected",
         "scan_result":{"safe":false,"label":1,"confidence":95,"injection":92,"sensitivity":"medium"}}}"""));

    assertThat(failureOf(client().build().scanAsync("x", ScanOptions.empty())))
        .isInstanceOfSatisfying(PromptInjectionException.class, e -> assertThat(e.scanResult().injection()).isEqualTo(92.0));
  }

  @Test
  void retriesThenRateLimit() {
    answer(json(429, "{}").withHeader("Retry-After", "2"));

    assertThat(failureOf(client().maxRetries(3).build().scanAsync("x", ScanOptions.empty())))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.retryAfter()).isEqualTo(2000L));
    assertThat(scanRequestsOfX()).hasSize(4);
    assertThat(delayer.delays).containsExactly(2000L, 2000L, 2000L);
    assertThat(scanRequestsOfX().stream().map(r -> r.getHeader("X-Request-Id")).distinct()).hasSize(1);
  }

  @Test
  void retriesThenSuccess() {
    API.stubFor(post(urlEqualTo("/v1/scan")).inScenario("s").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("two"));
    API.stubFor(post(urlEqualTo("/v1/scan")).inScenario("s").whenScenarioStateIs("two")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
    API.stubFor(post(urlEqualTo("/v1/scan")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(json(200, SAFE_JSON)));

    assertThat(await(client().build().scanAsync("x", ScanOptions.empty())).safe()).isTrue();
    assertThat(scanRequestsOfX()).hasSize(3);
    assertThat(delayer.delays).containsExactly(1000L, 2000L);
  }

  @Test
  void notRetried504() {
    answer(json(504, "{\"error\":{\"message\":\"gateway\"}}"));

    assertThat(failureOf(client().build().scanAsync("x", ScanOptions.empty())))
        .isInstanceOf(LockLLMException.class)
        .hasMessage("gateway");
    assertThat(scanRequestsOfX()).hasSize(1);
  }

  @Test
  void timeouts() {
    answer(json(200, SAFE_JSON).withFixedDelay(1_000));

    assertThat(failureOf(client().timeout(Duration.ofMillis(150)).maxRetries(1).build()
            .scanAsync(TIMED_OUT, ScanOptions.empty())))
        .isInstanceOf(NetworkException.class)
        .hasMessageStartingWith("Network request failed after 2 attempts: HttpTimeoutException")
        .hasCauseInstanceOf(HttpTimeoutException.class);
    // Counted on the client: WireMock's journal can miss an attempt that timed out before Jetty
    // dispatched it (see LockLLMClientErrorsTest$Retries.timeoutsAreRetriedThenANetworkError).
    assertThat(delayer.delays).containsExactly(1000L);
  }

  @Test
  void connectionRefused() throws IOException {
    LockLLMClient client =
        client().baseUrl("http://127.0.0.1:" + LockLLMClientErrorsTest.closedPort()).maxRetries(2).build();

    assertThat(failureOf(client.scanAsync("x", ScanOptions.empty())))
        .isInstanceOf(NetworkException.class)
        .hasMessageStartingWith("Network request failed after 3 attempts: ConnectException")
        .hasCauseInstanceOf(ConnectException.class);
    assertThat(delayer.delays).containsExactly(1000L, 2000L);
  }

  @Test
  void malformedSuccessBody() {
    answer(json(200, "{\"safe\":"));

    assertThat(failureOf(client().build().scanAsync("x", ScanOptions.empty())))
        .isInstanceOfSatisfying(LockLLMException.class, e -> {
          assertThat(e.code()).isEqualTo(LockLLMErrors.INVALID_RESPONSE_CODE);
          assertThat(e.getCause()).isInstanceOf(IOException.class);
        });
  }

  @Test
  void invalidCallFailsTheStageInsteadOfThrowing() {
    CompletionStage<ScanResponse> stage =
        client().build().scanAsync("x", ScanOptions.empty(), RequestOptions.builder().header("Host", "h").build());

    assertThat(failureOf(stage)).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void cancellingStopsFurtherRetries() {
    answer(json(503, "{}"));
    List<Runnable> parked = new CopyOnWriteArrayList<>();
    LockLLMClient client =
        client()
            .delayer(new Delayer() {
              @Override
              public void sleep(long millis) {}

              @Override
              public Executor after(long millis) {
                return parked::add;
              }
            })
            .build();

    CompletableFuture<ScanResponse> future = client.scanAsync("x", ScanOptions.empty()).toCompletableFuture();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (parked.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    future.cancel(false);
    parked.forEach(Runnable::run);

    assertThat(scanRequestsOfX()).hasSize(1);
  }

  @Test
  void realDelayWithoutBlocking() {
    API.stubFor(post(urlEqualTo("/v1/scan")).inScenario("real").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
    API.stubFor(post(urlEqualTo("/v1/scan")).inScenario("real").whenScenarioStateIs("ok")
        .willReturn(json(200, SAFE_JSON)));
    // Whether scanAsync had returned when the delayed retry started: an order, not a duration,
    // so a slow machine cannot fail it.
    CountDownLatch returned = new CountDownLatch(1);
    List<Boolean> retriedAfterReturn = new CopyOnWriteArrayList<>();
    Delayer system = new Delayer() {
      @Override
      public void sleep(long millis) throws InterruptedException {
        Delayer.SYSTEM.sleep(millis);
      }

      @Override
      public Executor after(long millis) {
        Executor real = Delayer.SYSTEM.after(millis);
        return task -> real.execute(() -> {
          retriedAfterReturn.add(returned.getCount() == 0);
          task.run();
        });
      }
    };
    long start = System.nanoTime();

    CompletionStage<ScanResponse> stage = client().delayer(system).build().scanAsync("x", ScanOptions.empty());
    returned.countDown();

    assertThat(await(stage).safe()).isTrue();
    assertThat(retriedAfterReturn).containsExactly(true);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(950));
  }
}
