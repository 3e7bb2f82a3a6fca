package com.lockllm.intercept;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.abuse.CounterStore;
import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.error.AbuseDetectedException;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Behavioural abuse in the interceptor: counted per client, merged with the scan, failures per fail mode. */
class InterceptorAbuseTest {
  static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

  final LockLLMInterceptorTest.FakeScanner scanner =
      new LockLLMInterceptorTest.FakeScanner(LockLLMInterceptorTest::verdict);

  static InboundRequest from(String address) {
    return InboundRequest.builder("POST", "/v1/chat/completions")
        .header("Content-Type", "application/json")
        .remoteAddress(address)
        .body(BODY.getBytes(UTF_8))
        .build();
  }

  LockLLMInterceptor interceptor(CounterStore store, ScanAction abuseAction, FailMode failMode) {
    return LockLLMInterceptor.builder(scanner)
        .options(ScanOptions.builder().abuseAction(abuseAction).build())
        .requestPatterns(RequestPatterns.builder(store).duplicatePrompts(3).build())
        .failMode(failMode)
        .build();
  }

  @Test
  void repeatedPromptsFromOneClientAreBlockedWithTheLockLLMAbuseError() throws Exception {
    LockLLMInterceptor interceptor = interceptor(InMemoryCounterStore.create(), ScanAction.BLOCK, FailMode.CLOSED);
    assertThat(interceptor.intercept(from("10.0.0.1"))).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(interceptor.intercept(from("10.0.0.1"))).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(interceptor.intercept(from("10.0.0.2"))).as("another client").isInstanceOf(InterceptDecision.Proceed.class);
    InterceptDecision third = interceptor.intercept(from("10.0.0.1"));
    assertThat(third).isInstanceOf(InterceptDecision.Reject.class);
    InterceptDecision.Reject reject = (InterceptDecision.Reject) third;
    assertThat(reject.response().status()).isEqualTo(400);
    JsonNode error = LockLLMInterceptorTest.errorOf(third);
    assertThat(error.path("code").asText()).isEqualTo(AbuseDetectedException.CODE);
    assertThat(error.path("abuse_details").path("abuse_types").toString()).contains(RequestPatterns.DUPLICATE_PROMPTS);
    assertThat(error.path("abuse_details").path("indicators").has(RequestPatterns.PATTERN_SCORE)).isTrue();
  }

  @Test
  void underAllowWithWarningTheScanCarriesTheWarningAndTheAbuseHeaders() {
    LockLLMInterceptor interceptor =
        interceptor(InMemoryCounterStore.create(), ScanAction.ALLOW_WITH_WARNING, FailMode.CLOSED);
    InterceptDecision.Proceed last = null;
    for (int i = 0; i < 3; i++) {
      last = (InterceptDecision.Proceed) interceptor.intercept(from("10.0.0.1"));
    }
    AbuseWarning abuse = last.scanResponse().abuseWarnings();
    assertThat(abuse.abuseTypes()).contains(RequestPatterns.DUPLICATE_PROMPTS);
    assertThat(last.scanResponse().safe()).as("abuse never changes safe").isTrue();
    assertThat(last.responseHeaders()).containsEntry(LockLLMHeaders.ABUSE_DETECTED, "true")
        .containsKey(LockLLMHeaders.ABUSE_TYPES);
  }

  @Test
  void theScannersOwnAbuseWarningIsMergedWithBehaviour() {
    LockLLMInterceptorTest.FakeScanner bot = new LockLLMInterceptorTest.FakeScanner(r ->
        LockLLMInterceptorTest.verdict(r).toBuilder()
            .abuseWarnings(new AbuseWarning(true, 70.0, List.of("bot_generated"), Map.of("bot_score", 70.0), "captcha"))
            .build());
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(bot)
        .options(ScanOptions.builder().abuseAction(ScanAction.ALLOW_WITH_WARNING).build())
        .requestPatterns(RequestPatterns.create(InMemoryCounterStore.create()))
        .build();
    ScanResponse scan = ((InterceptDecision.Proceed) interceptor.intercept(from("10.0.0.1"))).scanResponse();
    assertThat(scan.abuseWarnings().abuseTypes()).containsExactly("bot_generated");
    assertThat(scan.abuseWarnings().indicators()).containsKeys("bot_score", RequestPatterns.PATTERN_SCORE);
  }

  @Test
  void withoutAnAbuseActionNothingIsCounted() {
    AtomicInteger calls = new AtomicInteger();
    CounterStore counting = (key, slot, slots, ttl) -> {
      calls.incrementAndGet();
      return new long[slots];
    };
    interceptor(counting, null, FailMode.CLOSED).intercept(from("10.0.0.1"));
    assertThat(calls).hasValue(0);
    interceptor(counting, ScanAction.BLOCK, FailMode.CLOSED).intercept(from("10.0.0.1"));
    assertThat(calls).hasValue(2);
  }

  @Test
  void theClientKeyComesFromTheAdapterOrTheResolver() {
    InMemoryCounterStore store = InMemoryCounterStore.create();
    LockLLMInterceptor byHeader = LockLLMInterceptor.builder(scanner)
        .options(ScanOptions.builder().abuseAction(ScanAction.BLOCK).build())
        .requestPatterns(RequestPatterns.builder(store).duplicatePrompts(2).build())
        .clientKeyResolver(ClientKeyResolver.header("X-Api-Key"))
        .build();
    InboundRequest.Builder one = InboundRequest.builder("POST", "/v1/chat/completions")
        .header("Content-Type", "application/json").header("X-Api-Key", "k1").body(BODY.getBytes(UTF_8));
    assertThat(byHeader.intercept(one.remoteAddress("10.0.0.1").build())).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(byHeader.intercept(one.remoteAddress("10.0.0.2").build()))
        .as("same key from another address").isInstanceOf(InterceptDecision.Reject.class);
    InboundRequest anonymous = InboundRequest.builder("POST", "/v1/chat/completions")
        .header("Content-Type", "application/json").body(BODY.getBytes(UTF_8)).build();
    assertThat(byHeader.intercept(anonymous)).as("no key: not counted").isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(byHeader.intercept(anonymous)).isInstanceOf(InterceptDecision.Proceed.class);
  }

  static final CounterStore BROKEN = new CounterStore() {
    @Override
    public long[] increment(String key, long slot, int slots, Duration ttl) {
      throw new IllegalStateException("Redis unavailable (secret-detail)");
    }
  };

  @Test
  void aFailingCounterStoreFailsClosedWith503() throws Exception {
    LockLLMInterceptor interceptor = interceptor(BROKEN, ScanAction.BLOCK, FailMode.CLOSED);
    for (InterceptDecision d : List.of(interceptor.intercept(from("10.0.0.1")),
        interceptor.interceptAsync(from("10.0.0.1")).toCompletableFuture().get())) {
      assertThat(d).isInstanceOf(InterceptDecision.Reject.class);
      InterceptDecision.Reject reject = (InterceptDecision.Reject) d;
      assertThat(reject.response().status()).isEqualTo(503);
      assertThat(new String(reject.response().body(), UTF_8)).doesNotContain("secret-detail");
    }
  }

  @Test
  void aFailingCounterStoreFailsOpenWithTheScanKept() throws Exception {
    LockLLMInterceptor interceptor = interceptor(BROKEN, ScanAction.BLOCK, FailMode.OPEN);
    for (InterceptDecision d : List.of(interceptor.intercept(from("10.0.0.1")),
        interceptor.interceptAsync(from("10.0.0.1")).toCompletableFuture().get())) {
      InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) d;
      assertThat(proceed.scanResponse()).isNotNull();
      assertThat(proceed.failedOpen()).isTrue();
      assertThat(proceed.responseHeaders()).containsEntry(LockLLMHeaders.SCANNED, "true");
    }
  }

  @Test
  void aHangingCounterStoreIsBoundedByTheScanTimeoutOnTheAsyncPath() throws Exception {
    CounterStore hanging = new CounterStore() {
      @Override
      public long[] increment(String key, long slot, int slots, Duration ttl) {
        throw new AssertionError("the async path must use incrementAsync");
      }

      @Override
      public CompletionStage<long[]> incrementAsync(String key, long slot, int slots, Duration ttl) {
        return new CompletableFuture<>();
      }
    };
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(scanner)
        .options(ScanOptions.builder().abuseAction(ScanAction.BLOCK).build())
        .requestPatterns(RequestPatterns.create(hanging))
        .scanTimeout(Duration.ofMillis(200))
        .build();
    long started = System.nanoTime();
    InterceptDecision d = interceptor.interceptAsync(from("10.0.0.1")).toCompletableFuture().get();
    assertThat(((InterceptDecision.Reject) d).response().status()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
