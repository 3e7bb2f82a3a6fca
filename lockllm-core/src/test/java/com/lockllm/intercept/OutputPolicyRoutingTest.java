package com.lockllm.intercept;

import static com.lockllm.intercept.LockLLMInterceptorTest.post;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.error.ConfigurationException;
import com.lockllm.intercept.LockLLMInterceptorTest.FakeScanner;
import com.lockllm.output.AnswerFormat;
import com.lockllm.output.OutputAction;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanOptions;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the interceptor hands each request's answer-side policy to the adapters. */
class OutputPolicyRoutingTest {
  private static final OutputPolicy SHADOW = OutputPolicy.builder().shadow(true).build();

  private static InterceptDecision.Proceed intercept(LockLLMInterceptor interceptor, String path, String body) {
    return (InterceptDecision.Proceed) interceptor.intercept(post(path, body));
  }

  @Test
  void answersAreNotScannedUnlessConfigured() {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict)).build();

    assertThat(intercept(interceptor, "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .answer().output().enabled()).isFalse();
  }

  @Test
  void aRouteTakesItsOwnPolicyOverTheGlobalOneWithTheRequestsFormat() {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .output(OutputPolicy.builder().build())
        .route(ProtectedRoute.builder("/shadow/**").output(SHADOW).build())
        .route(ProtectedRoute.builder("/answers").output(OutputPolicy.builder().answerPointers(List.of("/reply")).build()).build())
        .route(ProtectedRoute.everything())
        .build();
    String anthropic = "{\"model\":\"claude\",\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    InterceptDecision.Proceed shadow = intercept(interceptor, "/shadow/v1/messages", anthropic);
    InterceptDecision.Proceed global = intercept(interceptor, "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    InterceptDecision.Proceed pointers = intercept(interceptor, "/answers", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(shadow.answer().output().shadow()).isTrue();
    assertThat(shadow.answer().format()).isEqualTo(AnswerFormat.ANTHROPIC);
    assertThat(shadow.answer().systemPrompts()).containsExactly("Be brief.");
    assertThat(global.answer().output().shadow()).isFalse();
    assertThat(global.answer().format()).isEqualTo(AnswerFormat.OPENAI_CHAT);
    assertThat(pointers.answer().format().name()).isEqualTo("pointers");
  }

  @Test
  void aRequestWithoutAPromptStillHasItsAnswerChecked() {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .output(OutputPolicy.builder().build()).build();

    byte[] body = "{\"messages\":[]}".getBytes(UTF_8);
    InboundRequest get = InboundRequest.builder("GET", "/v1/things").header("Content-Type", "application/json")
        .body(new ByteArrayInputStream(body), body.length).build();

    assertThat(((InterceptDecision.Proceed) interceptor.intercept(get)).answer().output().enabled()).isTrue();
  }

  @Test
  void personalDataFollowsTheRequestsPiiActionFixedWhenTheRouteIsBuilt() {
    OutputPolicy follows = OutputPolicy.builder().build();

    assertThat(follows.resolvedFor(PiiAction.MASK).personalData()).isEqualTo(OutputAction.STRIP);
    assertThat(follows.resolvedFor(PiiAction.BLOCK).personalData()).isEqualTo(OutputAction.BLOCK);
    assertThat(follows.resolvedFor(PiiAction.ALLOW_WITH_WARNING).personalData()).isEqualTo(OutputAction.WARN);
    assertThat(follows.resolvedFor(null).personalData()).isNull();
    assertThat(OutputPolicy.builder().personalData(OutputAction.BLOCK).build().resolvedFor(null).personalData())
        .isEqualTo(OutputAction.BLOCK);
  }

  @Test
  void checkingPersonalDataWithoutTheEngineFailsAtStartUp() {
    // lockllm-core's tests have no PersonalDataCheckProvider on the class path
    assertThatThrownBy(() -> LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .options(ScanOptions.builder().piiAction(PiiAction.STRIP).build())
        .output(OutputPolicy.builder().build()).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("lockllm-engine");
  }

  @Test
  void forEndpointKeepsThePolicy() {
    LockLLMInterceptor interceptor = LockLLMInterceptor.builder(new FakeScanner(LockLLMInterceptorTest::verdict))
        .output(SHADOW).build();

    assertThat(interceptor.forEndpoint(ScanOptions.empty(), null).output()).isEqualTo(SHADOW);
  }

  @Test
  void policiesValidateWhatTheyAreGiven() {
    assertThatThrownBy(() -> OutputPolicy.builder().unscannable(OutputAction.STRIP)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPolicy.builder().allowedHosts(List.of("ex*ample.com"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPolicy.builder().leakMinLength(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputPolicy.builder().answerPointers(List.of("no-slash"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(OutputPolicy.builder().shadow(true).build()).isEqualTo(SHADOW).hasSameHashCodeAs(SHADOW);
  }
}
