package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.error.PromptInjectionException;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

/** A rejection goes through Micronaut's exception handling, so an application's handler bean answers it. */
@MicronautTest
@Property(name = "spec.name", value = "RejectionHandlerTest")
@Property(name = "lockllm.protected-paths", value = "/chat")
@Property(name = "lockllm.scan-action", value = "block")
@Property(name = "lockllm.engine-tier", value = "rules")
class RejectionHandlerTest {
  @Inject
  EmbeddedServer server;

  @Test
  void theApplicationsHandlerAnswersWithTheTypedError() throws Exception {
    java.net.http.HttpResponse<String> r = Http.post(server, "/chat", Http.ATTACK);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).isEqualTo("refused: prompt_injection");
    assertThat(Http.post(server, "/chat", Http.chat("What is the capital of France?")).statusCode()).isEqualTo(200);
  }

  @Requires(property = "spec.name", value = "RejectionHandlerTest")
  @Singleton
  @Produces
  @Replaces(LockLLMRejectionHandler.class)
  static class OwnAnswer implements ExceptionHandler<LockLLMRejection, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, LockLLMRejection rejection) {
      String kind = rejection.error() instanceof PromptInjectionException ? "prompt_injection" : "other";
      return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.TEXT_PLAIN)
          .body("refused: " + kind);
    }
  }

  @Requires(property = "spec.name", value = "RejectionHandlerTest")
  @Controller
  static class ChatController {
    @Post(uri = "/chat", produces = MediaType.TEXT_PLAIN)
    String chat(@Body byte[] body) {
      return "ok";
    }
  }
}
