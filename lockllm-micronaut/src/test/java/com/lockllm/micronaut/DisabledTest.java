package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.Scanner;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code lockllm.enabled=false} removes the filter and its beans. */
@MicronautTest
@Property(name = "spec.name", value = "DisabledTest")
@Property(name = "lockllm.enabled", value = "false")
@Property(name = "lockllm.protected-paths", value = "/chat")
class DisabledTest {
  @Inject
  EmbeddedServer server;

  @Inject
  ApplicationContext context;

  @Test
  void noFilterNoBeansNoScan() throws Exception {
    assertThat(context.containsBean(LockLLMFilter.class)).isFalse();
    assertThat(context.containsBean(LockLLMInterceptor.class)).isFalse();
    assertThat(context.containsBean(Scanner.class)).isFalse();
    assertThat(context.containsBean(LockLLMMetrics.class)).isFalse();
    HttpResponse<String> r = Http.post(server, "/chat", Http.ATTACK);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Http.ATTACK);
    assertThat(r.headers().firstValue(LockLLMHeaders.SCANNED)).isEmpty();
  }

  @Requires(property = "spec.name", value = "DisabledTest")
  @Controller
  static class ChatController {
    @Post(uri = "/chat", produces = MediaType.TEXT_PLAIN)
    String chat(@Body String body) {
      return body;
    }
  }
}
