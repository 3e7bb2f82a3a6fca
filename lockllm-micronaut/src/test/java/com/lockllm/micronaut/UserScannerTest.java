package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A {@link Scanner} bean of the application replaces the one the factory would choose; with
 * Micrometer on the class path but no {@code MeterRegistry} bean, the interceptor uses it as it is.
 */
@MicronautTest
@Property(name = "spec.name", value = "UserScannerTest")
@Property(name = "micronaut.metrics.enabled", value = "false")
@Property(name = "lockllm.protected-paths", value = "/chat")
class UserScannerTest {
  static final String USER_REQUEST_ID = "from-the-user-scanner";

  @Inject
  EmbeddedServer server;

  @Inject
  Scanner scanner;

  @Inject
  LockLLMInterceptor interceptor;

  @Inject
  ApplicationContext context;

  @Test
  void theUserScannerIsTheOneUsed() throws Exception {
    assertThat(context.containsBean(MeterRegistry.class)).isFalse();
    assertThat(context.containsBean(LockLLMMetrics.class)).isFalse();
    assertThat(interceptor.scanner()).isSameAs(scanner);
    HttpResponse<String> r = Http.post(server, "/chat", Http.ATTACK);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(USER_REQUEST_ID);
    assertThat(r.headers().firstValue(LockLLMHeaders.REQUEST_ID)).hasValue(USER_REQUEST_ID);
  }

  @Requires(property = "spec.name", value = "UserScannerTest")
  @Factory
  static class UserBeans {
    @Singleton
    Scanner everythingIsSafe() {
      return request -> ScanResponse.builder().safe(true).requestId(USER_REQUEST_ID).build();
    }
  }

  @Requires(property = "spec.name", value = "UserScannerTest")
  @Controller
  static class ChatController {
    @Post(uri = "/chat", produces = MediaType.TEXT_PLAIN)
    String chat(@Body byte[] body, ScanResponse scan) {
      return scan.requestId();
    }
  }
}
