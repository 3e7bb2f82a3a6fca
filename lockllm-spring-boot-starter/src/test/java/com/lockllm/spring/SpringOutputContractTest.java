package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractAnswer;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.OutputContract;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shared answer-side contract on Spring Boot's embedded Tomcat (the server of {@link
 * SpringContractTest}), and the answers of annotated endpoints and asynchronous controllers.
 */
class SpringOutputContractTest extends OutputContract {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String BENIGN = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @Override
  protected ContractServer start(ContractFixture fixture) {
    return SpringContractTest.serve(fixture);
  }

  @Test
  void anAnnotatedEndpointsAnswerIsCheckedToo() throws Exception {
    HttpResponse<String> r = send("/annotated/answer", ContractAnswer.text("key: " + SECRET), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("key: [REDACTED_OPENAI_API_KEY]");
    assertThat(r.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("buffered");
  }

  @Test
  void anAsynchronousBufferedAnswerIsWrittenRedactedWhenItsDispatchReturns() throws Exception {
    HttpResponse<String> r = send(AdapterContract.PROTECTED_PATH, ContractAnswer.json("key: " + SECRET), EchoApp.ASYNC);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(r.body()).path("choices").path(0).path("message").path("content").asText())
        .isEqualTo("key: [REDACTED_OPENAI_API_KEY]");
    assertThat(r.headers().firstValue(LockLLMHeaders.OUTPUT_FINDINGS)).hasValue("secret:OPENAI_API_KEY=1");
  }

  @Test
  void anAsynchronousStreamIsCheckedAcrossChunks() throws Exception {
    String text = "Write to ann@example.com today";
    HttpResponse<String> r = send(AdapterContract.PROTECTED_PATH, ContractAnswer.sse(text).every(3), EchoApp.ASYNC);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("ann@").contains("[DONE]");
    assertThat(r.headers().firstValue(LockLLMHeaders.OUTPUT_SCAN)).hasValue("streamed");
  }

  private HttpResponse<String> send(String path, ContractAnswer answer, String extraHeader) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server(scanning()).baseUri().resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header(ContractAnswer.HEADER, answer.header())
        .POST(HttpRequest.BodyPublishers.ofString(BENIGN, StandardCharsets.UTF_8));
    if (extraHeader != null) {
      request.header(extraHeader, "true");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
