package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.error.LockLLMException;
import com.lockllm.scan.Scanner;
import com.lockllm.testing.ContractScanners;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** With {@code lockllm.spring.exceptions=true} an application's advice answers rejections. */
@SpringBootTest(classes = {EchoApp.class, ControllerAdviceRejectionTest.Config.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"lockllm.spring.exceptions=true", "lockllm.scan-action=block",
        "lockllm.protected-paths=/v1/chat/completions"})
class ControllerAdviceRejectionTest {
  @TestConfiguration
  static class Config {
    @Bean
    Scanner scanner() {
      return ContractScanners.embedded();
    }

    @Bean
    Advice advice() {
      return new Advice();
    }
  }

  @RestControllerAdvice
  static class Advice {
    @ExceptionHandler(LockLLMException.class)
    ProblemDetail rejected(LockLLMException e) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), "Prompt rejected");
      problem.setProperty("code", e.code());
      return problem;
    }
  }

  @LocalServerPort
  int port;

  @Test
  void theAdviceTurnsARejectionIntoAProblemDetail() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                AnnotatedEndpointTest.chat(AnnotatedEndpointTest.ATTACK)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("Prompt rejected");
  }
}
