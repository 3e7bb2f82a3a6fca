package com.lockllm.intercept;

import static com.lockllm.intercept.LockLLMInterceptorTest.CHAT;
import static com.lockllm.intercept.LockLLMInterceptorTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.decision.Decision;
import com.lockllm.decision.DecisionListener;
import com.lockllm.intercept.LockLLMInterceptorTest.FakeScanner;
import com.lockllm.output.OutputPolicy;
import com.lockllm.output.OutputReport;
import com.lockllm.output.ResponseGuard;
import com.lockllm.scan.Finding;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DecisionListenerTest {
  private final List<Decision> decisions = new CopyOnWriteArrayList<>();

  private LockLLMInterceptor.Builder interceptor(FakeScanner scanner) {
    return LockLLMInterceptor.builder(scanner)
        .route(ProtectedRoute.builder("/v1/chat/completions").build())
        .clientKeyResolver(request -> request.header("X-Team") == null ? null : "key:" + request.header("X-Team"))
        .listener(decisions::add);
  }

  @Test
  void aBlockedPromptIsRecordedWithItsCategoryScoreAndError() {
    LockLLMInterceptor interceptor = interceptor(new FakeScanner(LockLLMInterceptorTest::verdict))
        .options(ScanOptions.builder().scanAction(ScanAction.BLOCK).build()).build();

    interceptor.intercept(post("/v1/chat/completions", CHAT));

    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.BLOCKED);
      assertThat(d.action()).isEqualTo(Decision.Action.REFUSE);
      assertThat(d.error()).isEqualTo("prompt_injection_detected");
      assertThat(d.status()).isEqualTo(400);
      assertThat(d.categories()).containsEntry("prompt_injection", 97.0);
      assertThat(d.requestId()).isEqualTo("req_1");
      assertThat(d.route()).isEqualTo("/v1/chat/completions");
      assertThat(d.total()).isGreaterThanOrEqualTo(d.scan()).isGreaterThanOrEqualTo(d.bodyRead());
    });
  }

  @Test
  void theAsyncPathRecordsEachDecisionOnce() {
    LockLLMInterceptor interceptor = interceptor(new FakeScanner(LockLLMInterceptorTest::verdict)).build();

    interceptor.interceptAsync(post("/v1/chat/completions", CHAT.replace("EVIL", "kind")))
        .toCompletableFuture().join();

    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.ALLOWED);
      assertThat(d.action()).isEqualTo(Decision.Action.FORWARD);
      assertThat(d.categories()).isEmpty();
    });
  }

  @Test
  void aWarnedPromptProceedsAndNamesItsClient() {
    LockLLMInterceptor interceptor = interceptor(new FakeScanner(LockLLMInterceptorTest::verdict)).build();

    interceptor.intercept(InboundRequest.builder("POST", "/v1/chat/completions").header("X-Team", "ci-bot").header("Content-Type", "application/json")
        .body(CHAT.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());

    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.WARNED);
      assertThat(d.action()).isEqualTo(Decision.Action.FORWARD);
      assertThat(d.clientKey()).isEqualTo("key:ci-bot");
    });
  }

  @Test
  void redactedPersonalDataIsCountedByTypeAndTheBodyMarkedRewritten() {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"mail ann@example.com or bob@example.com\"}]}";
    FakeScanner scanner = new FakeScanner(request -> ScanResponse.builder().safe(true).label(0).injection(2.0)
        .findings(List.of(new Finding(5, 20, "pii:Email", 99), new Finding(24, 39, "pii:Email", 99)))
        .piiResult(new PiiResult(true, List.of("Email"), 2, "mail [Email] or [Email]",
            List.of("mail [Email] or [Email]")))
        .build());
    LockLLMInterceptor interceptor = interceptor(scanner)
        .options(ScanOptions.builder().piiAction(PiiAction.STRIP).build()).build();

    interceptor.intercept(post("/v1/chat/completions", body));

    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.WARNED);
      assertThat(d.action()).isEqualTo(Decision.Action.REWRITE);
      assertThat(d.pii()).containsExactly(java.util.Map.entry("Email", 2));
    });
  }

  @Test
  void failuresAreRecordedAsFailOpenOrErrorByTheFailMode() {
    FakeScanner broken = new FakeScanner(request -> {
      throw new IllegalStateException("model not loaded: EVIL");
    });
    interceptor(broken).failMode(FailMode.OPEN).build().intercept(post("/v1/chat/completions", CHAT));
    interceptor(broken).failMode(FailMode.CLOSED).build().intercept(post("/v1/chat/completions", CHAT));

    assertThat(decisions).extracting(Decision::outcome)
        .containsExactly(Decision.Outcome.FAIL_OPEN, Decision.Outcome.ERROR);
    assertThat(decisions.get(0).failure()).isEqualTo("IllegalStateException");
    assertThat(decisions.get(0).action()).isEqualTo(Decision.Action.FORWARD);
    assertThat(decisions.get(1).status()).isEqualTo(503);
    assertThat(decisions.get(1).error()).isEqualTo("scanner_unavailable");
  }

  @Test
  void aMalformedBodyIsInvalidAndAnUnprotectedPathIsNotADecision() {
    LockLLMInterceptor interceptor = interceptor(new FakeScanner(LockLLMInterceptorTest::verdict)).build();

    interceptor.intercept(post("/v1/chat/completions", "{\"messages\":[{\"role\""));
    interceptor.intercept(post("/v1/models", CHAT));

    assertThat(decisions).singleElement().satisfies(d -> {
      assertThat(d.outcome()).isEqualTo(Decision.Outcome.INVALID);
      assertThat(d.status()).isEqualTo(400);
      assertThat(d.error()).isNotBlank();
    });
  }

  @Test
  void aClientsOwnRequestIdIsTakenOnlyWhenItIsShortAndPrintable() {
    // no scan, so no scan id: the decision may only borrow the client's own X-Request-Id
    LockLLMInterceptor interceptor = interceptor(new FakeScanner(LockLLMInterceptorTest::verdict)).build();
    String body = "{\"messages\":[{\"role\""; // malformed: refused before any scan
    for (String id : List.of("req-42", "forged\n{\"outcome\":\"allowed\"}", "x".repeat(129))) {
      interceptor.intercept(InboundRequest.builder("POST", "/v1/chat/completions")
          .header("Content-Type", "application/json").header("X-Request-Id", id)
          .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
    }

    assertThat(decisions).extracting(Decision::requestId).containsExactly("req-42", null, null);
  }

  @Test
  void aFailingListenerNeitherChangesTheDecisionNorSilencesTheOthers() {
    DecisionListener broken = d -> {
      throw new IllegalStateException("metrics backend down");
    };
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .options(ScanOptions.builder().scanAction(ScanAction.BLOCK).build())
        .listener(broken).listener(decisions::add).build();

    InterceptDecision decision = interceptor.intercept(post("/v1/chat/completions", CHAT));

    assertThat(decision).isInstanceOf(InterceptDecision.Reject.class);
    assertThat(decisions).hasSize(1);
  }

  @Test
  void aCheckedAnswerIsReportedWithItsRequestsDecision() {
    List<OutputReport> answers = new CopyOnWriteArrayList<>();
    List<Decision> requests = new CopyOnWriteArrayList<>();
    DecisionListener listener = new DecisionListener() {
      @Override
      public void decided(Decision decision) {}

      @Override
      public void answered(Decision request, OutputReport answer) {
        requests.add(request);
        answers.add(answer);
      }
    };
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .output(OutputPolicy.builder().personalData(null).build()).listener(listener).build();
    InterceptDecision.Proceed proceed =
        (InterceptDecision.Proceed) interceptor.intercept(post("/v1/chat/completions", CHAT.replace("EVIL", "kind")));
    String secret = "AKIA" + "Q7XZ3K2M5N4P6R2T";
    byte[] answer = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"use " + secret + "\"}}]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    ResponseGuard guard = ResponseGuard.open(proceed.answer(), 200, "application/json", null);
    guard.accept(answer, 0, answer.length);
    guard.finish();
    guard.close();
    guard.close();

    assertThat(answers).singleElement().satisfies(report -> {
      assertThat(report.action()).isEqualTo("strip");
      assertThat(report.findings()).containsEntry("secret:AWS_ACCESS_KEY_ID", 1);
    });
    assertThat(requests).singleElement().satisfies(d -> assertThat(d.requestId()).isEqualTo("req_1"));
  }

  @Test
  void anEndpointInterceptorKeepsTheListeners() {
    LockLLMInterceptor interceptor = interceptor(new FakeScanner(LockLLMInterceptorTest::verdict)).build()
        .forEndpoint(ScanOptions.builder().scanAction(ScanAction.BLOCK).build(), null);

    interceptor.intercept(post("/anything", CHAT));

    assertThat(decisions).extracting(Decision::outcome).containsExactly(Decision.Outcome.BLOCKED);
  }
}
